using System.Text;
using SelfHeal.Code;
using SelfHeal.Llm.Safety;
using SelfHeal.Localization;
using SelfHeal.Reports;
using SelfHeal.Runs;

namespace SelfHeal.Llm.Agentless;

/// <summary>
/// The text the agentless engine shows a model: the repository map, the suspects' code, the failures (sanitized
/// and datamarked), and the report (sanitized and datamarked, for the extraction step only). Stateless.
/// </summary>
internal static class ProblemContext
{
    /// <summary>The source files, one a line, at most <paramref name="max"/>.</summary>
    public static string Files(SourceTree tree, int max = 300) =>
        string.Join('\n', tree.Paths.Take(max)) + (tree.Paths.Count > max ? $"\n… and {tree.Paths.Count - max} more" : "");

    /// <summary>A compact map: each non-test source file with its functions and classes; the files of <paramref name="focus"/> first.</summary>
    public static string RepoMap(SourceTree tree, IEnumerable<string> focus, int maxFiles = 40, int maxSymbols = 15)
    {
        var first = focus.Distinct(StringComparer.Ordinal).Where(tree.Paths.Contains).ToList();
        var builder = new StringBuilder();
        foreach (var file in first.Concat(tree.Files.Where(f => !f.IsTest).Select(f => f.Path)).Distinct(StringComparer.Ordinal).Take(maxFiles))
        {
            var source = tree.Get(file);
            var symbols = source?.Outline.Symbols.Select(s => s.QualifiedName).Distinct(StringComparer.Ordinal).Take(maxSymbols).ToList() ?? [];
            builder.Append(file).Append(symbols.Count > 0 ? ": " + string.Join(", ", symbols) : "").Append('\n');
        }
        return builder.ToString().TrimEnd();
    }

    /// <summary>The code around the best suspects, one window per file (overlapping windows merged), without line numbers so it can be copied into SEARCH parts.</summary>
    public static string Suspects(SourceTree tree, IReadOnlyList<Suspect> suspects, int contextLines, int max)
    {
        var builder = new StringBuilder();
        foreach (var group in suspects.Take(max).GroupBy(s => s.File, StringComparer.Ordinal))
        {
            if (tree.Get(group.Key) is not { } source)
            {
                continue;
            }
            var start = Math.Max(1, group.Min(s => s.StartLine) - contextLines);
            var end = Math.Min(source.Lines.Count, group.Max(s => s.EndLine) + contextLines);
            var symbols = string.Join(", ", group.Select(s => s.Symbol).OfType<string>().Distinct(StringComparer.Ordinal));
            builder.Append("### ").Append(group.Key).Append($" (lines {start}-{end}")
                .Append(symbols.Length > 0 ? "; suspected: " + symbols : "").Append(")\n```\n");
            for (var line = start; line <= end; line++)
            {
                builder.Append(source.Lines[line - 1]).Append('\n');
            }
            builder.Append("```\n\n");
        }
        return builder.ToString().TrimEnd();
    }

    /// <summary>The reproduced failures, sanitized and datamarked.</summary>
    public static string Failures(RunState state, int maxChars)
    {
        if (state.Failures.Count == 0)
        {
            return "(none reproduced)";
        }
        var text = string.Join("\n\n", state.Failures.Take(5).Select(f => $"{f.TestId}: {f.Message}\n{f.StackTrace}"));
        return Spotlight.Mark("test-output", UntrustedText.Sanitize(text, maxChars));
    }

    /// <summary>The report's title, body and log, sanitized and datamarked.</summary>
    public static string Report(BugReport? report, int maxChars) =>
        Spotlight.Mark("report", UntrustedText.Sanitize(report?.AllText, maxChars));
}
