using System.Text.RegularExpressions;

namespace SelfHeal.StackTraces;

/// <summary>
/// Reads V8 stack traces as Node.js prints them: a <c>TypeError: msg</c> header (possibly with V8's source
/// excerpt above it and a multi-line message), <c>    at fn (/app/x.js:1:2)</c>, <c>at /app/x.js:1:2</c>,
/// <c>at async fn (...)</c>, <c>node:internal/...</c> and <c>file://</c> locations, and the <c>[cause]:</c> of an
/// error printed by <c>util.inspect</c>. Stateless and thread-safe.
/// </summary>
internal sealed partial class NodeStackTraceParser : ILocatingStackTraceParser
{
    private const string LanguageName = "node";
    private const int Timeout = StackTraceLimits.RegexTimeoutMilliseconds;

    /// <summary>Lines of an inspected error's <c>{ ... }</c> property block searched for its <c>[cause]</c>.</summary>
    private const int MaxPropertyLines = 200;

    public string Language => LanguageName;

    public IReadOnlyList<ExceptionTrace> Parse(string text) => TraceParsing.Traces(Parse(TextLines.From(text)));

    public IReadOnlyList<LocatedTrace> Parse(TextLines lines)
    {
        var traces = new List<LocatedTrace>();
        var i = 0;
        while (i < lines.Count && traces.Count < StackTraceLimits.MaxTraces)
        {
            if (TryFrame(lines[i], out _, out _))
            {
                var floor = traces.Count > 0 ? traces[^1].EndLine + 1 : 0;
                var (header, headerLine) = FindHeader(lines, i, floor);
                var end = ReadBody(lines, i, header, TraceParsing.Indent(lines[headerLine]), depth: 0);
                traces.Add(new LocatedTrace(header.Build(LanguageName), headerLine, end));
                i = end + 1;
            }
            else
            {
                i++;
            }
        }
        return traces;
    }

    /// <summary>The header above the first frame: the nearest <c>Name: message</c> line, the lines between being the rest of the message.</summary>
    private static (PendingTrace Header, int Line) FindHeader(TextLines lines, int firstFrame, int floor)
    {
        var lowest = Math.Max(floor, firstFrame - StackTraceLimits.MaxMessageLines);
        for (var j = firstFrame - 1; j >= lowest; j--)
        {
            if (TryHeader(lines[j], out var header))
            {
                for (var k = j + 1; k < firstFrame; k++)
                {
                    header.AddMessageLine(lines[k]);
                }
                return (header, j);
            }
        }
        var previous = firstFrame - 1 >= floor && lines[firstFrame - 1].Length > 0 ? lines[firstFrame - 1].Trim() : null;
        return (new PendingTrace("Error", previous), previous is null ? firstFrame : firstFrame - 1);
    }

    /// <summary>Reads frames from <paramref name="start"/>, then the <c>{ ... }</c> block that may hold a <c>[cause]</c>. Returns the last line read.</summary>
    private static int ReadBody(TextLines lines, int start, PendingTrace trace, int headerIndent, int depth)
    {
        var end = start - 1;
        var opensBlock = false;
        var j = start;
        for (; j < lines.Count && !opensBlock; j++)
        {
            var line = lines[j];
            if (TryFrame(line, out var frame, out opensBlock))
            {
                trace.AddFrame(frame);
            }
            else if (!TraceParsing.StartsWithTrimmed(line, "... ") || !line.EndsWith(" lines matching cause stack trace ...", StringComparison.Ordinal))
            {
                break;
            }
            end = j;
        }
        if (!opensBlock)
        {
            return end;
        }
        for (var limit = j + MaxPropertyLines; j < lines.Count && j < limit; j++)
        {
            var line = lines[j];
            var trimmed = line.AsSpan().Trim();
            if (trimmed.Length > 0 && TraceParsing.Indent(line) <= headerIndent)
            {
                // The block closes at the header's indentation; anything else there means it was not a property block.
                return trimmed.SequenceEqual("}") ? j : end;
            }
            if (trace.Cause is null && depth < StackTraceLimits.MaxCauseDepth && trimmed.StartsWith("[cause]: ", StringComparison.Ordinal)
                && TryHeader(trimmed["[cause]: ".Length..].ToString(), out var cause) && j + 1 < lines.Count && TryFrame(lines[j + 1], out _, out _))
            {
                j = ReadBody(lines, j + 1, cause, TraceParsing.Indent(line), depth + 1);
                trace.Cause = cause;
            }
        }
        return end;
    }

    private static bool TryHeader(string line, out PendingTrace header)
    {
        header = null!;
        var match = line.Contains("Error", StringComparison.Ordinal) || line.Contains("Exception", StringComparison.Ordinal)
            ? RegexGuard.Match(HeaderRegex, line)
            : Match.Empty;
        if (!match.Success)
        {
            return false;
        }
        header = new PendingTrace(match.Groups["type"].Value, match.Groups["msg"].Value);
        return true;
    }

    /// <param name="opensBlock">The frame line ends with <c> {</c>: util.inspect's property block follows.</param>
    private static bool TryFrame(string line, out StackFrame frame, out bool opensBlock)
    {
        frame = null!;
        opensBlock = line.EndsWith(" {", StringComparison.Ordinal);
        if (!TraceParsing.StartsWithTrimmed(line, "at "))
        {
            return false;
        }
        var match = RegexGuard.Match(FrameRegex, opensBlock ? line[..^2] : line);
        if (!match.Success)
        {
            return false;
        }
        var location = match.Groups["loc"].Value;
        var function = match.Groups["fn"].Success ? match.Groups["fn"].Value : "";
        if (location is "<anonymous>" or "native" || location.StartsWith("index ", StringComparison.Ordinal))
        {
            frame = new StackFrame(function, null, null);
            return true;
        }
        var position = RegexGuard.Match(LocationRegex, location);
        if (!position.Success)
        {
            return false;
        }
        var file = position.Groups["file"].Value;
        frame = new StackFrame(function, file.StartsWith("eval at ", StringComparison.Ordinal) ? null : file, RegexGuard.Number(position.Groups["line"]))
        {
            Column = RegexGuard.Number(position.Groups["col"]),
        };
        return true;
    }

    [GeneratedRegex(@"^\s*(?:Uncaught )?(?<type>(?:[A-Za-z_$][\w$.]*)?(?:Error|Exception))(?: \[[A-Za-z0-9_]+\])?(?:: (?<msg>.*)|:)?$", RegexOptions.CultureInvariant, Timeout)]
    private static partial Regex HeaderRegex { get; }

    [GeneratedRegex(@"^\s*at (?:async )?(?:(?<fn>[^()]*?\S) \((?<loc>.+)\)|(?<loc>[^()\s][^()]*))$", RegexOptions.CultureInvariant, Timeout)]
    private static partial Regex FrameRegex { get; }

    [GeneratedRegex(@"^(?<file>.+):(?<line>\d{1,9}):(?<col>\d{1,9})$", RegexOptions.CultureInvariant, Timeout)]
    private static partial Regex LocationRegex { get; }
}
