namespace SelfHeal.Llm.Agentless;

/// <summary>
/// Reads SEARCH/REPLACE blocks out of a model's answer: a path line, <c>&lt;&lt;&lt;&lt;&lt;&lt;&lt; SEARCH</c>, the old
/// lines, <c>=======</c>, the new lines, <c>&gt;&gt;&gt;&gt;&gt;&gt;&gt; REPLACE</c>. Code fences and decorations around
/// the path are ignored. Stateless and thread-safe.
/// </summary>
public static class EditBlockParser
{
    /// <summary>The blocks of <paramref name="answer"/> and, for each malformed one, what was wrong with it.</summary>
    public static (IReadOnlyList<EditBlock> Blocks, IReadOnlyList<string> Errors) Parse(string? answer)
    {
        var blocks = new List<EditBlock>();
        var errors = new List<string>();
        var lines = (answer ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!IsMarker(lines[i], "<<<<<<<", "SEARCH"))
            {
                continue;
            }
            var file = PathAbove(lines, i);
            var divider = Find(lines, i + 1, l => l.Trim() == "=======");
            var end = divider < 0 ? -1 : Find(lines, divider + 1, l => IsMarker(l, ">>>>>>>", "REPLACE"));
            if (file is null)
            {
                errors.Add($"the SEARCH block at line {i + 1} of the answer has no file path on the line above it");
            }
            else if (divider < 0 || end < 0)
            {
                errors.Add($"the SEARCH block for {file} is not closed with ======= and >>>>>>> REPLACE");
                break;
            }
            else
            {
                blocks.Add(new EditBlock(file, string.Join('\n', lines[(i + 1)..divider]), string.Join('\n', lines[(divider + 1)..end])));
            }
            if (end > i)
            {
                i = end;
            }
        }
        return (blocks, errors);
    }

    private static bool IsMarker(string line, string arrows, string word)
    {
        var text = line.Trim();
        return text.StartsWith(arrows, StringComparison.Ordinal) && text[arrows.Length..].Trim().Equals(word, StringComparison.OrdinalIgnoreCase);
    }

    private static int Find(string[] lines, int from, Func<string, bool> match)
    {
        for (var i = from; i < lines.Length; i++)
        {
            if (match(lines[i]))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>The nearest non-empty line above the marker that is not a fence, stripped of markdown decoration.</summary>
    private static string? PathAbove(string[] lines, int marker)
    {
        for (var i = marker - 1; i >= 0 && i >= marker - 3; i--)
        {
            var text = lines[i].Trim();
            if (text.Length == 0 || text.StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }
            text = text.Trim('`', '*', '#', ' ', ':');
            if (text.StartsWith("File", StringComparison.OrdinalIgnoreCase) && text.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
            {
                text = text[(colon + 1)..].Trim().Trim('`', '*', ' ');
            }
            return text.Length == 0 || text.Contains(' ', StringComparison.Ordinal) ? null : text;
        }
        return null;
    }
}
