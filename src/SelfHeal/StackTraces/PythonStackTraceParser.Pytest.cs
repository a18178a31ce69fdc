using System.Text.RegularExpressions;

namespace SelfHeal.StackTraces;

/// <summary>pytest's failure sections: <c>____ test_name ____</c>, entries ending in <c>path.py:12: in func</c> or <c>path.py:12: KeyError</c>, and <c>E   KeyError: 'x'</c> lines.</summary>
internal sealed partial class PythonStackTraceParser
{
    private static bool TryReadPytestSection(TextLines lines, int start, out LocatedTrace trace)
    {
        trace = default;
        var line = lines[start];
        if (!line.StartsWith("___", StringComparison.Ordinal) || !RegexGuard.IsMatch(PytestSectionRegex, line))
        {
            return false;
        }
        var groups = new List<PytestGroup> { new() };
        string? pendingFunction = null;
        var end = start;
        for (var j = start + 1; j < lines.Count && !IsPytestSectionEnd(lines[j]); j++)
        {
            line = lines[j];
            end = j;
            if (IsChainSentence(line))
            {
                groups.Add(new PytestGroup());
                pendingFunction = null;
                continue;
            }
            if (line.StartsWith('E') && line.Length > 1 && char.IsWhiteSpace(line[1]))
            {
                groups[^1].ErrorLines.Add(line[1..].Trim());
                continue;
            }
            var definition = line.Contains("def ", StringComparison.Ordinal) ? RegexGuard.Match(PytestDefinitionRegex, line) : Match.Empty;
            if (definition.Success)
            {
                pendingFunction ??= definition.Groups["fn"].Value;
                continue;
            }
            var location = line.Contains(".py:", StringComparison.Ordinal) ? RegexGuard.Match(PytestLocationRegex, line) : Match.Empty;
            if (location.Success)
            {
                var rest = location.Groups["rest"].Value;
                var inFunction = rest.StartsWith("in ", StringComparison.Ordinal);
                if (!inFunction && rest.Length > 0)
                {
                    groups[^1].ExceptionType = rest;
                }
                var function = inFunction ? rest[3..] : pendingFunction ?? "";
                groups[^1].Frames.Add(new StackFrame(function, location.Groups["file"].Value, RegexGuard.Number(location.Groups["line"])));
                pendingFunction = null;
            }
        }

        PendingTrace? outer = null;
        foreach (var group in groups.Where(g => g.Frames.Count > 0).Take(StackTraceLimits.MaxCauseDepth))
        {
            var next = group.Build();
            next.Cause = outer;
            outer = next;
        }
        if (outer is null)
        {
            return false;
        }
        trace = new LocatedTrace(outer.Build(LanguageName), start, end);
        return true;
    }

    private static bool IsPytestSectionEnd(string line) =>
        line.StartsWith("===", StringComparison.Ordinal)
        || (line.StartsWith("___", StringComparison.Ordinal) && RegexGuard.IsMatch(PytestSectionRegex, line))
        || (line.StartsWith("---", StringComparison.Ordinal) && line.Contains(" Captured ", StringComparison.Ordinal));

    /// <summary>One exception of a section's chain.</summary>
    private sealed class PytestGroup
    {
        public List<StackFrame> Frames { get; } = [];

        public List<string> ErrorLines { get; } = [];

        /// <summary>From the last entry's <c>path.py:12: KeyError</c>, in the long format.</summary>
        public string? ExceptionType { get; set; }

        public PendingTrace Build()
        {
            var first = ErrorLines.Count > 0 ? RegexGuard.Match(ExceptionLineRegex, ErrorLines[0]) : Match.Empty;
            // The location line names the class ("PriceLookupError"), the E line the qualified type ("shop.cart.PriceLookupError").
            var typed = first.Success && first.Groups["msg"].Success
                && (ExceptionType is null || first.Groups["type"].Value == ExceptionType || first.Groups["type"].Value.EndsWith("." + ExceptionType, StringComparison.Ordinal));
            var type = typed ? first.Groups["type"].Value : ExceptionType ?? "AssertionError";
            var trace = new PendingTrace(type, typed ? first.Groups["msg"].Value : ErrorLines.FirstOrDefault());
            foreach (var line in ErrorLines.Skip(1))
            {
                trace.AddMessageLine(line);
            }
            trace.Frames.AddRange(Enumerable.Reverse(Frames).Take(StackTraceLimits.MaxFrames));
            return trace;
        }
    }

    [GeneratedRegex(@"^_{3,} (?<name>\S.*?) _{3,}$", RegexOptions.CultureInvariant, Timeout)]
    private static partial Regex PytestSectionRegex { get; }

    [GeneratedRegex(@"^(?<file>(?:[A-Za-z]:[\\/])?[^\s:][^:]*?\.py):(?<line>\d{1,9}):(?: (?<rest>in \S.*|[A-Za-z_][\w.]*))?$", RegexOptions.CultureInvariant, Timeout)]
    private static partial Regex PytestLocationRegex { get; }

    [GeneratedRegex(@"^>?\s+(?:async\s+)?def (?<fn>[A-Za-z_]\w*)\s*\(", RegexOptions.CultureInvariant, Timeout)]
    private static partial Regex PytestDefinitionRegex { get; }
}
