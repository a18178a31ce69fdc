namespace SelfHeal.StackTraces;

/// <summary>
/// Reads .NET exceptions as <c>Exception.ToString()</c> prints them (inner exceptions, async boundaries,
/// AggregateException's numbered inner exceptions, .NET Framework's one-line inner headers) and as test runners
/// print failures (VSTest's <c>Error Message:</c>/<c>Stack Trace:</c>, xUnit's <c>[FAIL]</c> blocks with
/// <c>---- Inner</c> headers and <c>file(line,col): at</c> frames). A block of frames with no header becomes a
/// trace with an empty exception type. Stateless and thread-safe.
/// </summary>
internal sealed partial class DotnetStackTraceParser : ILocatingStackTraceParser
{
    private const string LanguageName = "dotnet";

    public string Language => LanguageName;

    public IReadOnlyList<ExceptionTrace> Parse(string text) => TraceParsing.Traces(Parse(TextLines.From(text)));

    public IReadOnlyList<LocatedTrace> Parse(TextLines lines) => TraceParsing.Scan(lines, TryRead);

    private static bool TryRead(TextLines lines, int start, out LocatedTrace trace)
    {
        trace = default;
        List<PendingTrace> headers;
        bool outerFirst;
        int firstFrame;
        var line = lines[start];
        if (IsTestFailureStart(line))
        {
            if (!TryReadTestHeaders(lines, start + 1, out headers, out firstFrame))
            {
                return false;
            }
            outerFirst = true;
        }
        else if (TryHeader(line, out var header))
        {
            if (!TryReadHeaders(lines, start, header, out headers, out firstFrame, out outerFirst))
            {
                return false;
            }
        }
        else if (TryFrame(line, out _))
        {
            headers = [new PendingTrace("", null)];
            firstFrame = start;
            outerFirst = false;
        }
        else
        {
            return false;
        }

        var end = ReadFrames(lines, firstFrame, headers, outerFirst);
        if (end < firstFrame)
        {
            return false;
        }
        trace = new LocatedTrace(headers[0].Build(LanguageName), start, end);
        return true;
    }

    /// <summary>
    /// From a header on, reads message lines and inner headers up to the first frame. The chain is flattened into
    /// <paramref name="headers"/>, outermost first, each the cause of the one before.
    /// </summary>
    private static bool TryReadHeaders(TextLines lines, int start, PendingTrace first, out List<PendingTrace> headers, out int firstFrame, out bool outerFirst)
    {
        headers = [];
        for (var h = first; h is not null && headers.Count < StackTraceLimits.MaxCauseDepth; h = h.Cause)
        {
            headers.Add(h);
        }
        outerFirst = false;
        for (var j = start + 1; j < lines.Count && j - start <= StackTraceLimits.MaxMessageLines; j++)
        {
            var line = lines[j];
            if (IsFrameSection(line))
            {
                firstFrame = j;
                return true;
            }
            if (IsStackTraceLabel(line))
            {
                firstFrame = j + 1;
                outerFirst = true;
                return firstFrame < lines.Count;
            }
            if (TryInnerHeader(line, out var inner, out var xunitStyle))
            {
                outerFirst |= xunitStyle;
                headers.Add(inner);
                continue;
            }
            if (TraceParsing.StartsWithTrimmed(line, "at ") || TryHeader(line, out _))
            {
                // Another language's frames, or another header before any frame: this header heads no .NET trace.
                break;
            }
            headers[^1].AddMessageLine(line);
        }
        firstFrame = -1;
        return false;
    }

    /// <summary>A test runner's block: the message (an exception header or an assertion message), inner headers, then <c>Stack Trace:</c>.</summary>
    private static bool TryReadTestHeaders(TextLines lines, int start, out List<PendingTrace> headers, out int firstFrame)
    {
        headers = [];
        firstFrame = -1;
        if (start >= lines.Count)
        {
            return false;
        }
        var first = lines[start].Trim();
        headers.Add(TryHeader(first, out var header) ? header : new PendingTrace(AssertionType(first), first));
        for (var j = start + 1; j < lines.Count && j - start <= StackTraceLimits.MaxMessageLines; j++)
        {
            var line = lines[j];
            if (IsStackTraceLabel(line))
            {
                firstFrame = j + 1;
                return firstFrame < lines.Count;
            }
            if (TryInnerHeader(line, out var inner, out _))
            {
                headers.Add(inner);
                continue;
            }
            headers[^1].AddMessageLine(line.Trim());
        }
        return false;
    }

    /// <summary>
    /// Reads frames into the headers: ToString() prints the innermost exception's frames first and closes each
    /// with <c>--- End of inner exception stack trace ---</c>; xUnit prints the outermost first and opens each
    /// inner one with <c>----- Inner Stack Trace -----</c>. Returns the last line read, or less than
    /// <paramref name="start"/> when no frame was found.
    /// </summary>
    private static int ReadFrames(TextLines lines, int start, List<PendingTrace> headers, bool outerFirst)
    {
        var current = outerFirst ? 0 : headers.Count - 1;
        var end = start - 1;
        var frames = 0;
        for (var j = start; j < lines.Count; j++)
        {
            var line = lines[j];
            // AggregateException closes each numbered inner exception with "<---" after its last frame.
            if (line.EndsWith("<---", StringComparison.Ordinal))
            {
                line = line[..^4];
            }
            if (TryFrame(line, out var frame))
            {
                headers[current].AddFrame(frame);
                frames++;
            }
            else if (IsInnerEnd(line))
            {
                current = Math.Max(0, current - 1);
            }
            else if (IsInnerStackTraceLabel(line))
            {
                current = Math.Min(headers.Count - 1, current + 1);
            }
            else if (!IsAsyncBoundary(line))
            {
                break;
            }
            end = j;
        }
        for (var k = 0; k < headers.Count - 1; k++)
        {
            headers[k].Cause = headers[k + 1];
        }
        return frames == 0 ? start - 1 : end;
    }

    private static bool IsFrameSection(string line) =>
        TryFrame(line, out _) || IsAsyncBoundary(line) || IsInnerEnd(line);
}
