using System.Text.RegularExpressions;

namespace SelfHeal.StackTraces;

/// <summary>
/// Reads Python tracebacks (<c>Traceback (most recent call last):</c> blocks, chained with "The above exception
/// was the direct cause…" or "During handling of the above exception…", the earlier exception becoming the
/// cause of the later) and pytest's failure sections in its long, auto and short formats. Frames are returned
/// innermost first (Python prints them outermost first). Stateless and thread-safe.
/// </summary>
internal sealed partial class PythonStackTraceParser : ILocatingStackTraceParser
{
    private const string LanguageName = "python";
    private const string TracebackHeader = "Traceback (most recent call last):";
    private const int Timeout = StackTraceLimits.RegexTimeoutMilliseconds;

    public string Language => LanguageName;

    public IReadOnlyList<ExceptionTrace> Parse(string text) => TraceParsing.Traces(Parse(TextLines.From(text)));

    public IReadOnlyList<LocatedTrace> Parse(TextLines lines) =>
        TraceParsing.Scan(lines, (TextLines l, int start, out LocatedTrace trace) =>
            l[start].Contains(TracebackHeader, StringComparison.Ordinal)
                ? TryReadChain(l, start, out trace)
                : TryReadPytestSection(l, start, out trace));

    /// <summary>Reads one traceback and the ones chained after it; the last one printed is the outermost.</summary>
    private static bool TryReadChain(TextLines lines, int start, out LocatedTrace trace)
    {
        trace = default;
        PendingTrace? outer = null;
        var end = -1;
        var header = start;
        for (var depth = 0; depth < StackTraceLimits.MaxCauseDepth; depth++)
        {
            if (!TryReadTraceback(lines, header, out var next, out var nextEnd))
            {
                break;
            }
            next.Cause = outer;
            outer = next;
            end = nextEnd;
            if (!TryFindChainedTraceback(lines, end + 1, out header))
            {
                break;
            }
        }
        if (outer is null)
        {
            return false;
        }
        trace = new LocatedTrace(outer.Build(LanguageName), start, end);
        return true;
    }

    /// <summary>After a traceback: blank lines, a chain sentence, blank lines, and the next <c>Traceback</c> header.</summary>
    private static bool TryFindChainedTraceback(TextLines lines, int from, out int header)
    {
        header = -1;
        var j = SkipBlank(lines, from);
        if (j >= lines.Count || !IsChainSentence(lines[j]))
        {
            return false;
        }
        j = SkipBlank(lines, j + 1);
        if (j < lines.Count && lines[j].Contains(TracebackHeader, StringComparison.Ordinal))
        {
            header = j;
            return true;
        }
        return false;
    }

    /// <remarks>
    /// Whatever precedes <c>Traceback</c> on its line (a container or pod name, a log prefix) is taken off every
    /// line that repeats it; a traceback's own lines are then indented and its exception line is not.
    /// </remarks>
    private static bool TryReadTraceback(TextLines lines, int header, out PendingTrace trace, out int end)
    {
        trace = null!;
        end = header;
        var column = lines[header].IndexOf(TracebackHeader, StringComparison.Ordinal);
        if (column < 0)
        {
            return false;
        }
        var prefix = lines[header][..column];
        var frames = new List<StackFrame>();
        for (var j = header + 1; j < lines.Count; j++)
        {
            var line = column > 0 && lines[j].StartsWith(prefix, StringComparison.Ordinal) ? lines[j][column..] : lines[j];
            if (line.Length == 0)
            {
                return false;
            }
            var frame = RegexGuard.Match(FrameRegex, line);
            if (frame.Success)
            {
                if (frames.Count < StackTraceLimits.MaxFrames)
                {
                    var function = frame.Groups["fn"];
                    frames.Add(new StackFrame(function.Success ? function.Value : "", frame.Groups["file"].Value, RegexGuard.Number(frame.Groups["line"])));
                }
                continue;
            }
            if (TraceParsing.Indent(line) > 0)
            {
                // Source lines, caret lines, "[Previous line repeated 996 more times]".
                continue;
            }
            var exception = RegexGuard.Match(ExceptionLineRegex, line);
            if (!exception.Success)
            {
                return false;
            }
            frames.Reverse();
            trace = new PendingTrace(exception.Groups["type"].Value, exception.Groups["msg"].Value);
            trace.Frames.AddRange(frames);
            end = j;
            return true;
        }
        return false;
    }

    private static bool IsChainSentence(string line)
    {
        var trimmed = line.AsSpan().Trim();
        return trimmed.SequenceEqual("The above exception was the direct cause of the following exception:")
            || trimmed.SequenceEqual("During handling of the above exception, another exception occurred:");
    }

    private static int SkipBlank(TextLines lines, int from)
    {
        var j = from;
        while (j < lines.Count && j - from < 3 && lines[j].Length == 0)
        {
            j++;
        }
        return j;
    }

    [GeneratedRegex(@"^\s*File ""(?<file>[^""]+)"", line (?<line>\d{1,9})(?:, in (?<fn>\S.*))?$", RegexOptions.CultureInvariant, Timeout)]
    private static partial Regex FrameRegex { get; }

    [GeneratedRegex(@"^(?<type>[A-Za-z_][\w.]*)(?::(?: (?<msg>.*))?)?$", RegexOptions.CultureInvariant, Timeout)]
    private static partial Regex ExceptionLineRegex { get; }
}
