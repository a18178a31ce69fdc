namespace SelfHeal.StackTraces;

/// <summary>
/// Finds every stack trace in a text, whatever its language, by running each parser over it. Traces come back in
/// the order they appear; where two parsers claim overlapping lines, the reading with more frames wins (the
/// earlier-registered parser on a tie). Thread-safe; never throws on malformed text.
/// </summary>
public sealed class StackTraceReader
{
    private readonly IReadOnlyList<IStackTraceParser> _parsers;

    public StackTraceReader(IEnumerable<IStackTraceParser> parsers)
    {
        ArgumentNullException.ThrowIfNull(parsers);
        _parsers = [.. parsers];
    }

    /// <summary>A reader with the built-in parsers: .NET, Python, Java, Node.js and Go.</summary>
    public static StackTraceReader CreateDefault() => new(DefaultParsers());

    internal static IEnumerable<IStackTraceParser> DefaultParsers() =>
    [
        new DotnetStackTraceParser(),
        new PythonStackTraceParser(),
        new JavaStackTraceParser(),
        new NodeStackTraceParser(),
        new GoStackTraceParser(),
    ];

    /// <summary>Every trace in <paramref name="text"/>, in text order, each with its causes.</summary>
    public IReadOnlyList<ExceptionTrace> Read(string? text) => [.. Locate(text, out _).Select(t => t.Trace)];

    /// <summary>
    /// The lines of every trace in <paramref name="text"/> that has frames, in text order, each as the text it was
    /// read from (line prefixes such as CI timestamps removed): a trace cut out of a longer text such as an email body.
    /// </summary>
    public IReadOnlyList<string> Excerpts(string? text)
    {
        var located = Locate(text, out var lines);
        return [.. located
            .Where(t => t.FrameCount > 0)
            .Select(t => string.Join('\n', Enumerable.Range(t.StartLine, Math.Min(t.EndLine, lines.Count - 1) - t.StartLine + 1).Select(i => lines[i])))];
    }

    private List<LocatedTrace> Locate(string? text, out TextLines lines)
    {
        lines = TextLines.From(text);
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }
        var found = new List<(LocatedTrace Trace, int Parser)>();
        for (var p = 0; p < _parsers.Count; p++)
        {
            var located = _parsers[p] is ILocatingStackTraceParser locating
                ? locating.Parse(lines)
                : Locate(_parsers[p].Parse(text), text, lines.Count);
            found.AddRange(located.Select(t => (t, p)));
        }

        // Best reading first; a candidate is kept when it overlaps none already kept. Kept spans are disjoint and
        // sorted by start, so only the neighbours of its insertion point can overlap it.
        var kept = new List<(LocatedTrace Trace, int Parser)>();
        var starts = new List<int>();
        foreach (var candidate in found.OrderByDescending(c => c.Trace.FrameCount).ThenBy(c => c.Parser).ThenBy(c => c.Trace.StartLine))
        {
            var index = starts.BinarySearch(candidate.Trace.StartLine);
            if (index >= 0)
            {
                continue;
            }
            index = ~index;
            if ((index > 0 && kept[index - 1].Trace.Overlaps(candidate.Trace)) || (index < kept.Count && kept[index].Trace.Overlaps(candidate.Trace)))
            {
                continue;
            }
            kept.Insert(index, candidate);
            starts.Insert(index, candidate.Trace.StartLine);
        }
        return [.. kept.Select(k => k.Trace)];
    }

    /// <summary>
    /// Places the traces of a parser that does not report lines: each at the line where its exception type next
    /// appears, spanning no other trace.
    /// </summary>
    private static IEnumerable<LocatedTrace> Locate(IReadOnlyList<ExceptionTrace> traces, string text, int lineCount)
    {
        // Offsets only move forward, so lines are counted once over the whole text.
        var (from, counted, line) = (0, 0, 0);
        foreach (var trace in traces)
        {
            var at = trace.ExceptionType.Length > 0 ? text.IndexOf(trace.ExceptionType, from, StringComparison.Ordinal) : -1;
            var offset = at >= 0 ? at : from;
            line += text.AsSpan(counted, offset - counted).Count('\n');
            counted = offset;
            from = at >= 0 ? at + trace.ExceptionType.Length : from;
            var placed = Math.Min(line, Math.Max(lineCount - 1, 0));
            yield return new LocatedTrace(trace, placed, placed);
        }
    }
}
