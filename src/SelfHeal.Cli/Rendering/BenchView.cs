using System.Globalization;
using System.Text.Json;
using SelfHeal.Benchmarks;
using SelfHeal.Runs;

namespace SelfHeal.Cli.Rendering;

/// <summary>The result of <c>selfheal bench</c>: one row per instance, then totals and medians.</summary>
internal static class BenchView
{
    public static void WriteText(TextWriter writer, IReadOnlyList<BenchResult> results)
    {
        var hasBaseline = results.Any(r => r.BaselineSeconds is not null);
        string[] header = hasBaseline
            ? ["instance", "plausible", "correct", "candidates", "seconds", "tests s", "ratio"]
            : ["instance", "plausible", "correct", "candidates", "seconds"];
        var rows = results.Select(r =>
        {
            string[] cells = [SafeText.FirstLine(r.Id, 60), r.Status == "error" ? "error" : YesNo(r.Plausible), r.Correct is { } c ? YesNo(c) : "-", Number(r.Validated), Fixed(r.Seconds)];
            return hasBaseline ? [.. cells, r.BaselineSeconds is { } b ? Fixed(b) : "-", r.Ratio is { } ratio ? "×" + Fixed(ratio, "0.00") : "-"] : cells;
        }).ToList();
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        writer.WriteLine(Row(header, widths));
        writer.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            writer.WriteLine(Row(row, widths));
        }
        writer.WriteLine();

        var summary = BenchSummary.Of(results);
        writer.WriteLine($"Plausible: {summary.Plausible}/{summary.Instances} ({Percent(summary.Plausible, summary.Instances)})"
            + (summary.WithTrueFix > 0 ? $"; correct: {summary.Correct}/{summary.WithTrueFix} with a known fix ({Percent(summary.Correct, summary.WithTrueFix)})" : "")
            + (summary.Errors > 0 ? $"; {summary.Errors} could not be set up" : ""));
        writer.WriteLine($"Median time to a plausible fix: {(summary.MedianSeconds is { } m ? Fixed(m) + " s" : "-")}"
            + (summary.MedianRatio is { } ratio ? $" (×{Fixed(ratio, "0.00")} one test run)" : ""));
        writer.WriteLine($"Candidates: {summary.Generated} generated, {summary.RejectedInMemory} rejected before any test ran"
            + (summary.RejectedInMemoryShare is { } share ? $" ({share.ToString("P1", CultureInfo.InvariantCulture)})" : "")
            + $", {summary.Validated} validated with tests"
            + (summary.ValidatedPerMinute is { } perMinute ? $" ({Fixed(perMinute)} per minute)" : ""));
        foreach (var failed in results.Where(r => !r.Plausible && r.Reason is not null))
        {
            writer.WriteLine($"  {SafeText.FirstLine(failed.Id, 60)}: {SafeText.FirstLine(failed.Reason, 200)}");
        }
    }

    public static void WriteJson(TextWriter writer, IReadOnlyList<BenchResult> results, IReadOnlyList<BenchLoadProblem> problems)
    {
        var summary = BenchSummary.Of(results);
        var document = new
        {
            instances = results,
            summary = new
            {
                summary.Instances,
                summary.Plausible,
                summary.Correct,
                summary.WithTrueFix,
                summary.Errors,
                summary.MedianSeconds,
                summary.MedianRatio,
                summary.Generated,
                summary.RejectedInMemory,
                summary.RejectedInMemoryShare,
                summary.Validated,
                summary.ValidatedPerMinute,
                summary.TotalSeconds,
            },
            skipped = problems,
        };
        writer.WriteLine(JsonSerializer.Serialize(document, RunJson.Indented));
    }

    private static string Row(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd();

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Fixed(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Percent(int part, int whole) => whole == 0 ? "-" : ((double)part / whole).ToString("P1", CultureInfo.InvariantCulture);
}
