namespace SelfHeal.StackTraces;

/// <summary>Helpers shared by the parsers.</summary>
internal static class TraceParsing
{
    public static IReadOnlyList<ExceptionTrace> Traces(IReadOnlyList<LocatedTrace> located) => [.. located.Select(t => t.Trace)];

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
