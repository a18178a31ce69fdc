namespace SelfHeal.StackTraces;

/// <summary>Helpers shared by the parsers.</summary>
/// <summary>Reads one trace starting at line <paramref name="start"/>, or says there is none there.</summary>
internal delegate bool LocatedTraceReader(TextLines lines, int start, out LocatedTrace trace);

internal static class TraceParsing
{
    public static IReadOnlyList<ExceptionTrace> Traces(IReadOnlyList<LocatedTrace> located) => [.. located.Select(t => t.Trace)];

    /// <summary>Every parser's outer loop: try each line as a trace's start, skip past what was read, stop at the cap.</summary>
    public static IReadOnlyList<LocatedTrace> Scan(TextLines lines, LocatedTraceReader read)
    {
        var traces = new List<LocatedTrace>();
        var i = 0;
        while (i < lines.Count && traces.Count < StackTraceLimits.MaxTraces)
        {
            if (read(lines, i, out var trace))
            {
                traces.Add(trace);
                i = trace.EndLine + 1;
            }
            else
            {
                i++;
            }
        }
        return traces;
    }

    /// <summary>Number of leading spaces and tabs (a tab counts as one).</summary>
    public static int Indent(string line)
    {
        var i = 0;
        while (i < line.Length && (line[i] == ' ' || line[i] == '\t'))
        {
            i++;
        }
        return i;
    }

    public static bool StartsWithTrimmed(string line, string value) =>
        line.AsSpan().TrimStart().StartsWith(value, StringComparison.Ordinal);
}
