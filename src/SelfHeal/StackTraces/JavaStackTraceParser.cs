using System.Text.RegularExpressions;

namespace SelfHeal.StackTraces;

/// <summary>
/// Reads JVM stack traces as <c>Throwable.printStackTrace()</c> prints them (<c>Exception in thread "main"</c>,
/// <c>Caused by:</c> chains whose <c>... 12 more</c> frames are filled from the enclosing trace, <c>Suppressed:</c>
/// blocks, which are read past), including module prefixes (<c>java.base/</c>) and logback's <c>~[jar]</c>
/// suffixes. File is the file name as printed. Stateless and thread-safe.
/// </summary>
internal sealed partial class JavaStackTraceParser : ILocatingStackTraceParser
{
    private const string LanguageName = "java";
    private const int Timeout = StackTraceLimits.RegexTimeoutMilliseconds;

    public string Language => LanguageName;

    public IReadOnlyList<ExceptionTrace> Parse(string text) => TraceParsing.Traces(Parse(TextLines.From(text)));

    public IReadOnlyList<LocatedTrace> Parse(TextLines lines) => TraceParsing.Scan(lines, TryRead);

    private static bool TryRead(TextLines lines, int start, out LocatedTrace trace)
    {
        trace = default;
        if (!TryHeader(lines[start], out var outer, out _) || !TryFindFirstFrame(lines, start, outer, out var j))
        {
            return false;
        }
        var chain = new List<PendingTrace> { outer };
        var end = start;
        var suppressedIndent = -1;
        for (; j < lines.Count; j++)
        {
            var line = lines[j];
            var indent = TraceParsing.Indent(line);
            var inSuppressed = suppressedIndent >= 0 && indent >= suppressedIndent;
            if (TryFrame(line, out var frame))
            {
                if (!inSuppressed)
                {
                    chain[^1].AddFrame(frame);
                }
            }
            else if (TryMore(line, out var more))
            {
                if (!inSuppressed && chain.Count > 1)
                {
                    var enclosing = chain[^2].Frames;
                    chain[^1].Frames.AddRange(enclosing.Skip(Math.Max(0, enclosing.Count - more)).Take(StackTraceLimits.MaxFrames - chain[^1].Frames.Count));
                }
            }
            else if (TraceParsing.StartsWithTrimmed(line, "Suppressed: "))
            {
                suppressedIndent = suppressedIndent >= 0 ? Math.Min(suppressedIndent, indent) : indent;
            }
            else if (TryHeader(line, out var cause, out var isCause) && isCause)
            {
                if (!inSuppressed && chain.Count < StackTraceLimits.MaxCauseDepth)
                {
                    chain[^1].Cause = cause;
                    chain.Add(cause);
                    suppressedIndent = -1;
                }
            }
            else
            {
                break;
            }
            end = j;
        }
        trace = new LocatedTrace(outer.Build(LanguageName), start, end);
        return true;
    }

    /// <summary>Message lines may follow the header; the first frame must come within a few lines.</summary>
    private static bool TryFindFirstFrame(TextLines lines, int start, PendingTrace header, out int first)
    {
        for (first = start + 1; first < lines.Count && first - start <= StackTraceLimits.MaxMessageLines; first++)
        {
            var line = lines[first];
            if (TryFrame(line, out _))
            {
                return true;
            }
            if (line.Length == 0 || TraceParsing.StartsWithTrimmed(line, "at ") || TryHeader(line, out _, out _))
            {
                return false;
            }
            header.AddMessageLine(line);
        }
        return false;
    }

    /// <summary>A header: <c>pkg.Type: msg</c>, <c>Exception in thread "main" pkg.Type</c>, <c>Caused by: pkg.Type: msg</c>.</summary>
    private static bool TryHeader(string line, out PendingTrace header, out bool isCause)
    {
        header = null!;
        isCause = false;
        var match = line.Contains('.', StringComparison.Ordinal) || line.Contains("Caused by: ", StringComparison.Ordinal) || line.Contains("Exception in thread ", StringComparison.Ordinal)
            ? RegexGuard.Match(HeaderRegex, line)
            : Match.Empty;
        if (!match.Success)
        {
            return false;
        }
        var type = match.Groups["type"].Value;
        isCause = match.Groups["cause"].Success;
        if (!type.Contains('.') && !isCause && !match.Groups["thread"].Success)
        {
            return false;
        }
        header = new PendingTrace(type, match.Groups["msg"].Value);
        return true;
    }

    private static bool TryFrame(string line, out StackFrame frame)
    {
        frame = null!;
        if (!TraceParsing.StartsWithTrimmed(line, "at "))
        {
            return false;
        }
        var match = RegexGuard.Match(FrameRegex, line);
        if (!match.Success)
        {
            return false;
        }
        var file = match.Groups["file"];
        frame = new StackFrame(match.Groups["fn"].Value, file.Success ? file.Value : null, RegexGuard.Number(match.Groups["line"]));
        return true;
    }

    private static bool TryMore(string line, out int count)
    {
        count = 0;
        var match = TraceParsing.StartsWithTrimmed(line, "... ") ? RegexGuard.Match(MoreRegex, line) : Match.Empty;
        return match.Success && int.TryParse(match.Groups["n"].ValueSpan, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out count);
    }

    [GeneratedRegex(@"^\s*(?:(?<cause>Caused by: )|Exception in thread ""(?<thread>[^""]*)"" )?(?<type>[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)(?:: (?<msg>.*)|:)?$", RegexOptions.CultureInvariant, Timeout)]
    private static partial Regex HeaderRegex { get; }

    [GeneratedRegex(@"^\s*at (?:[\w.$-]+(?:@[^/\s]*)?//?)?(?<fn>[^\s(/]+\.[^\s(/]+)\((?:Native Method|Unknown Source|<generated>|(?<file>[^\s:()]+)(?::(?<line>\d{1,9}))?)\)(?:\s+~?\[[^\]]*\])?$", RegexOptions.CultureInvariant, Timeout)]
    private static partial Regex FrameRegex { get; }

    [GeneratedRegex(@"^\s*\.\.\. (?<n>\d{1,6}) (?:more|common frames omitted)$", RegexOptions.CultureInvariant, Timeout)]
    private static partial Regex MoreRegex { get; }
}
