using System.Globalization;
using SelfHeal.Runs;

namespace SelfHeal.Validation.Layers;

/// <summary>
/// Runs the repository's performance command (<c>validation.performance</c> in <c>.selfheal.yml</c>) with the candidate
/// and compares its figure with the base commit's, measured once per run before any candidate. Worse by more than the
/// policy's percentage fails the layer. Skipped when not configured or when the base figure could not be measured.
/// </summary>
internal sealed class PerformanceLayer(CommandProbe probe) : IValidationLayer
{
    public const string LayerName = "performance";

    public string Name => LayerName;

    public int Order => ValidationLayerOrder.Performance;

    public async Task<LayerResult> ValidateAsync(ValidationContext context, CancellationToken cancellationToken = default)
    {
        var check = context.Request.Policy.Performance;
        if (check is null)
        {
            return new LayerResult(Name, LayerOutcome.Skipped, TimeSpan.Zero, "not configured (validation.performance in .selfheal.yml)");
        }
        if (context.Request.PerformanceBaseline is not { Figure: { } baseFigure })
        {
            var why = context.Request.PerformanceBaseline?.Problem ?? "it was not measured";
            return new LayerResult(Name, LayerOutcome.Skipped, TimeSpan.Zero, $"the base commit's figure is unknown: {why}") { Command = check.Command };
        }
        var measured = await probe.MeasureAsync(check, context.WorkspacePath, cancellationToken).ConfigureAwait(false);
        if (measured.Figure is not { } figure)
        {
            return new LayerResult(Name, LayerOutcome.Failed, measured.Duration, $"with the candidate, {measured.Problem}")
            {
                Command = check.Command,
                Verdict = CandidateVerdict.PerformanceRegression,
            };
        }
        var worse = baseFigure == 0 ? (figure == 0 ? 0 : 100) : (check.HigherIsBetter ? baseFigure - figure : figure - baseFigure) / Math.Abs(baseFigure) * 100;
        var comparison = new PerformanceComparison(baseFigure, figure, worse, check.MaxRegressionPercent, check.HigherIsBetter);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"base {baseFigure:G6}, candidate {figure:G6} ({(worse > 0 ? "worse" : "not worse")} by {Math.Max(0, worse):0.0}%, limit {check.MaxRegressionPercent:0.##}%, {(check.HigherIsBetter ? "higher" : "lower")} is better)");
        return worse > check.MaxRegressionPercent
            ? new LayerResult(Name, LayerOutcome.Failed, measured.Duration, "performance regression: " + line)
            {
                Command = check.Command,
                Verdict = CandidateVerdict.PerformanceRegression,
                Performance = comparison,
            }
            : new LayerResult(Name, LayerOutcome.Passed, measured.Duration, line) { Command = check.Command, Performance = comparison };
    }
}
