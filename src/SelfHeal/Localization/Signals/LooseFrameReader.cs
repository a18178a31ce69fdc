using System.Text.RegularExpressions;
using SelfHeal.Code;

namespace SelfHeal.Localization.Signals;

/// <summary>
/// Reads <c>file:line</c> frames out of any stack trace text (.NET, Python, Java, Node, Go) and keeps those that
/// map to a file of the repo, innermost first. A fallback for when no parsed trace is recorded: it knows no
/// exception chains and takes the first exception name it sees.
/// </summary>
internal sealed partial class LooseFrameReader(SourceTree tree)
{
    public FrameList Read(string text, string source)
    {
        var frames = new List<LooseFrame>();
        var python = false;
        foreach (var line in text.Split('\n'))
        {
            if (PythonFrame().Match(line) is { Success: true } p)
            {
                python = true;
                Add(frames, p.Groups["file"].Value, p.Groups["line"].Value, p.Groups["fn"].Value);
            }
            else if (DotnetFrame().Match(line) is { Success: true } d)
            {
                Add(frames, d.Groups["file"].Value, d.Groups["line"].Value, d.Groups["fn"].Value);
            }
            else if (JavaFrame().Match(line) is { Success: true } j)
            {
                Add(frames, j.Groups["file"].Value, j.Groups["line"].Value, j.Groups["fn"].Value);
            }
            else if (FileLine().Match(line) is { Success: true } f)
            {
                Add(frames, f.Groups["file"].Value, f.Groups["line"].Value, "");
            }
        }
        if (python || (frames.Count > 0 && frames.All(f => f.File.EndsWith(".py", StringComparison.Ordinal))))
        {
            // Python prints the innermost call last, natively and in pytest's own format (`pkg/mod.py:20: TypeError`).
            frames.Reverse();
        }
        var exception = ExceptionName().Match(text) is { Success: true } e ? e.Value : "exception";
        return new FrameList(exception, source, frames);
    }

    private void Add(List<LooseFrame> frames, string file, string line, string function)
    {
        if (int.TryParse(line, out var number) && Resolve(file) is { } path)
        {
            frames.Add(new LooseFrame(path, number, function.Trim()));
        }
    }

    /// <summary>The repo file a printed path names: the longest repo path it ends with (a bare file name when unique).</summary>
    private string? Resolve(string printed)
    {
        var p = SourceTree.Normalize(printed.Trim());
        if (tree.Get(p) is not null && tree.Paths.Contains(p, StringComparer.Ordinal))
        {
            return p;
        }
        var match = tree.Paths
            .Where(candidate => ("/" + p).EndsWith("/" + candidate, StringComparison.Ordinal))
            .MaxBy(candidate => candidate.Length);
        if (match is not null)
        {
            return match;
        }
        if (!p.Contains('/', StringComparison.Ordinal))
        {
            var named = tree.Paths.Where(c => c.EndsWith("/" + p, StringComparison.Ordinal) || c == p).ToList();
            return named.Count == 1 ? named[0] : null;
        }
        return null;
    }

    [GeneratedRegex(@"File ""(?<file>[^""]+)"", line (?<line>\d+)(?:, in (?<fn>\S+))?")]
    private static partial Regex PythonFrame();

    [GeneratedRegex(@"^\s*at (?<fn>.+?) in (?<file>.+?):line (?<line>\d+)")]
    private static partial Regex DotnetFrame();

    [GeneratedRegex(@"^\s*at (?<fn>[\w$.<>]+)\((?<file>[\w$]+\.(?:java|kt)):(?<line>\d+)\)")]
    private static partial Regex JavaFrame();

    [GeneratedRegex(@"(?<file>[\w./\\@-]+\.(?:js|mjs|cjs|ts|jsx|tsx|go|py|cs|java)):(?<line>\d+)")]
    private static partial Regex FileLine();

    [GeneratedRegex(@"\b[A-Z][\w.]*(?:Exception|Error)\b|\bpanic\b")]
    private static partial Regex ExceptionName();
}
