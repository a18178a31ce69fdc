using System.Text.RegularExpressions;

namespace SelfHeal.StackTraces;

/// <summary>
/// Reads Go panics and fatal errors (<c>panic: msg</c>, <c>[recovered]</c> re-panics, <c>goroutine 1 [running]:</c>
/// and its function/location line pairs; only the failing goroutine is read) and, best effort, <c>go test</c>
/// failures (<c>--- FAIL: TestX</c> with a <c>x_test.go:12: message</c> line), reported with the exception type
/// <c>panic</c>, <c>fatal error</c> or <c>test failure</c>. A re-panic's cause is the panic it recovered, holding
/// the frames below the runtime's <c>panic</c> frame. Stateless and thread-safe.
/// </summary>
internal sealed partial class GoStackTraceParser : ILocatingStackTraceParser
{
    private const string LanguageName = "go";
    private const int Timeout = StackTraceLimits.RegexTimeoutMilliseconds;

    /// <summary>Lines searched after a verbose test's message for its <c>--- FAIL</c> verdict.</summary>
    private const int MaxVerboseTestLines = 5000;

    public string Language => LanguageName;

    public IReadOnlyList<ExceptionTrace> Parse(string text) => TraceParsing.Traces(Parse(TextLines.From(text)));

    public IReadOnlyList<LocatedTrace> Parse(TextLines lines) =>
        TraceParsing.Scan(lines, (TextLines l, int start, out LocatedTrace trace) =>
            TryReadPanic(l, start, out trace) || TryReadTestFailure(l, start, out trace) || TryReadVerboseTestFailure(l, start, out trace));

    private static bool TryReadPanic(TextLines lines, int start, out LocatedTrace trace)
    {
        trace = default;
        var line = lines[start];
        var header = line.StartsWith("panic: ", StringComparison.Ordinal) || line.StartsWith("fatal error: ", StringComparison.Ordinal)
            ? RegexGuard.Match(PanicRegex, line)
            : Match.Empty;
        if (!header.Success)
        {
            return false;
        }
        var kind = header.Groups["kind"].Value;
        var panics = new List<PendingTrace> { new(kind, header.Groups["msg"].Value) };
        var j = start + 1;
        for (; j < lines.Count && j - start <= StackTraceLimits.MaxMessageLines && !IsGoroutineHeader(lines[j]); j++)
        {
            line = lines[j];
            var repanic = TraceParsing.StartsWithTrimmed(line, "panic: ") ? RegexGuard.Match(PanicRegex, line.Trim()) : Match.Empty;
            if (repanic.Success)
            {
                panics.Add(new PendingTrace(kind, repanic.Groups["msg"].Value));
            }
            else if (line.Length > 0 && !line.StartsWith("[signal ", StringComparison.Ordinal))
            {
                panics[^1].AddMessageLine(line);
            }
        }
        if (j >= lines.Count || !IsGoroutineHeader(lines[j]))
        {
            return false;
        }
        var frames = new List<StackFrame>();
        var end = j;
        for (j++; j + 1 < lines.Count; j += 2)
        {
            var function = RegexGuard.Match(FunctionRegex, lines[j]);
            var location = function.Success ? RegexGuard.Match(LocationRegex, lines[j + 1]) : Match.Empty;
            if (!location.Success)
            {
                break;
            }
            if (frames.Count < StackTraceLimits.MaxFrames)
            {
                frames.Add(new StackFrame(function.Groups["fn"].Value, location.Groups["file"].Value, RegexGuard.Number(location.Groups["line"])));
            }
            end = j + 1;
        }
        if (frames.Count == 0)
        {
            return false;
        }
        trace = new LocatedTrace(Chain(panics, frames).Build(LanguageName), start, end);
        return true;
    }

    /// <summary>The last panic printed is the one that crashed; each earlier one, recovered, is its cause, with the frames below the matching runtime <c>panic</c> frame.</summary>
    private static PendingTrace Chain(List<PendingTrace> panics, List<StackFrame> frames)
    {
        var panicFrames = frames.Select((f, index) => (f, index)).Where(x => x.f.Function is "panic" or "runtime.gopanic").Select(x => x.index).ToList();
        PendingTrace? cause = null;
        for (var p = 0; p < panics.Count; p++)
        {
            var level = panics.Count - 1 - p;
            var from = level == 0 ? 0 : level <= panicFrames.Count ? panicFrames[level - 1] + 1 : 0;
            panics[p].Frames.AddRange(frames.Skip(from));
            panics[p].Cause = cause;
            cause = panics[p];
        }
        return panics[^1];
    }

    /// <summary><c>--- FAIL: TestX (0.00s)</c> directly followed by the <c>x_test.go:12: message</c> line.</summary>
    private static bool TryReadTestFailure(TextLines lines, int start, out LocatedTrace trace)
    {
        trace = default;
        var line = lines[start];
        var header = TraceParsing.StartsWithTrimmed(line, "--- FAIL: ") ? RegexGuard.Match(TestFailRegex, line) : Match.Empty;
        return header.Success && start + 1 < lines.Count && TryReadTestMessage(lines, start, start + 1, header.Groups["test"].Value, out trace);
    }

    /// <summary>
    /// <c>go test -v</c> prints the message first: <c>=== RUN   TestX</c>, then <c>x_test.go:12: message</c>, and
    /// <c>--- FAIL: TestX</c> later; a test that logged and passed is not a failure.
    /// </summary>
    private static bool TryReadVerboseTestFailure(TextLines lines, int start, out LocatedTrace trace)
    {
        trace = default;
        var run = lines[start].StartsWith("=== RUN", StringComparison.Ordinal) ? RegexGuard.Match(TestRunRegex, lines[start]) : Match.Empty;
        if (!run.Success || start + 1 >= lines.Count)
        {
            return false;
        }
        var test = run.Groups["test"].Value;
        if (!TryReadTestMessage(lines, start, start + 1, test, out trace))
        {
            return false;
        }
        for (var j = trace.EndLine + 1; j < lines.Count && j - trace.EndLine <= MaxVerboseTestLines; j++)
        {
            var verdict = lines[j].AsSpan().TrimStart();
            if (verdict.StartsWith($"--- FAIL: {test} (", StringComparison.Ordinal))
            {
                return true;
            }
            if (verdict.StartsWith($"--- PASS: {test} (", StringComparison.Ordinal) || verdict.StartsWith($"--- SKIP: {test} (", StringComparison.Ordinal))
            {
                break;
            }
        }
        trace = default;
        return false;
    }

    private static bool TryReadTestMessage(TextLines lines, int start, int at, string test, out LocatedTrace trace)
    {
        trace = default;
        var location = RegexGuard.Match(TestLocationRegex, lines[at]);
        if (!location.Success)
        {
            return false;
        }
        var slash = test.IndexOf('/', StringComparison.Ordinal);
        var failure = new PendingTrace("test failure", location.Groups["msg"].Value);
        failure.AddFrame(new StackFrame(slash > 0 ? test[..slash] : test, location.Groups["file"].Value, RegexGuard.Number(location.Groups["line"])));
        var indent = TraceParsing.Indent(lines[at]);
        var end = at;
        // Continuation lines of a multi-line t.Errorf message are indented deeper than the location line.
        while (end + 1 < lines.Count && end - at < StackTraceLimits.MaxMessageLines && lines[end + 1].Length > 0 && TraceParsing.Indent(lines[end + 1]) > indent)
        {
            failure.AddMessageLine(lines[++end].Trim());
        }
        trace = new LocatedTrace(failure.Build(LanguageName), start, end);
        return true;
    }

    private static bool IsGoroutineHeader(string line) =>
        line.StartsWith("goroutine ", StringComparison.Ordinal) && RegexGuard.IsMatch(GoroutineRegex, line);

    [GeneratedRegex(@"^(?<kind>panic|fatal error): (?<msg>.*?)(?: \[recovered(?:, [a-z]+)?\])?$", RegexOptions.CultureInvariant, Timeout)]
    private static partial Regex PanicRegex { get; }

    [GeneratedRegex(@"^goroutine \d+ \[[^\]]*\]:$", RegexOptions.CultureInvariant, Timeout)]
    private static partial Regex GoroutineRegex { get; }

    /// <summary><c>pkg.(*T).Method(0xc000..., {0x0, 0x0})</c>, <c>main.main()</c>, <c>created by pkg.F in goroutine 1</c>; arguments dropped.</summary>
    [GeneratedRegex(@"^(?:created by )?(?<fn>[^\s()][^\s]*?)(?:\([^()]*\))?(?: in goroutine \d+)?$", RegexOptions.CultureInvariant, Timeout)]
    private static partial Regex FunctionRegex { get; }

    [GeneratedRegex(@"^\s+(?<file>\S.*?):(?<line>\d{1,9})(?: \+0x[0-9a-f]+)?$", RegexOptions.CultureInvariant, Timeout)]
    private static partial Regex LocationRegex { get; }

    [GeneratedRegex(@"^\s*--- FAIL: (?<test>\S+) \(\d+(?:\.\d+)?s\)$", RegexOptions.CultureInvariant, Timeout)]
    private static partial Regex TestFailRegex { get; }

    [GeneratedRegex(@"^=== RUN\s+(?<test>\S+)$", RegexOptions.CultureInvariant, Timeout)]
    private static partial Regex TestRunRegex { get; }

    [GeneratedRegex(@"^\s+(?<file>[\w.\-/\\]+\.go):(?<line>\d{1,9}): (?<msg>.*)$", RegexOptions.CultureInvariant, Timeout)]
    private static partial Regex TestLocationRegex { get; }
}
