using System.Globalization;
using System.Text.RegularExpressions;

namespace SelfHeal.AgentTrace;

/// <summary>A block of consecutive lines a commit added to a file, at their positions in the commit.</summary>
/// <param name="Path">The file, relative to the repository root, as of the commit.</param>
/// <param name="StartLine">1-based first line in the commit's version of the file.</param>
/// <param name="Lines">The added lines' text.</param>
public sealed record AddedBlock(string Path, int StartLine, IReadOnlyList<string> Lines)
{
    public int EndLine => StartLine + Lines.Count - 1;

    public string ContentHash => TraceContent.Hash(Lines);
}

/// <summary>Reads the blocks of added lines out of a zero-context unified diff (<c>git show -U0</c>).</summary>
public static partial class AddedLines
{
    public static IReadOnlyList<AddedBlock> Parse(string diff)
    {
        var blocks = new List<AddedBlock>();
        string? path = null;
        var next = 0;
        List<string>? current = null;
        var start = 0;
        void Close()
        {
            if (current is { Count: > 0 } && path is not null)
            {
                blocks.Add(new AddedBlock(path, start, current));
            }
            current = null;
        }
        foreach (var raw in diff.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("diff --git ", StringComparison.Ordinal))
            {
                Close();
                path = null;
            }
            else if (line.StartsWith("+++ ", StringComparison.Ordinal))
            {
                path = line == "+++ /dev/null" ? null : Unquote(line[4..]) is var p && p.StartsWith("b/", StringComparison.Ordinal) ? p[2..] : null;
            }
            else if (Hunk().Match(line) is { Success: true } hunk)
            {
                Close();
                next = int.Parse(hunk.Groups[1].Value, CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith('+') && path is not null)
            {
                if (current is null)
                {
                    current = [];
                    start = next;
                }
                current.Add(line[1..]);
                next++;
            }
            else if (line.StartsWith('-'))
            {
                Close();
            }
            else if (line.StartsWith(' '))
            {
                Close();
                next++;
            }
        }
        Close();
        return blocks;
    }

    private static string Unquote(string path) => path.Length > 1 && path[0] == '"' && path[^1] == '"' ? path[1..^1] : path;

    [GeneratedRegex(@"^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@")]
    private static partial Regex Hunk();
}
