using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SelfHeal.Policy;

/// <summary>
/// Reads the <c>validation:</c> section of <c>.selfheal.yml</c>:
/// <code>
/// validation:
///   performance:
///     command: python3 bench.py              # run at the repository root
///     metric: 'elapsed_ms=([0-9.]+)'         # a regular expression; its first group (or group 'value') is the figure
///     max_regression_percent: 10             # how much worse than the base commit's figure the candidate's may be
///     higher_is_better: false                # optional; default false (a time)
///     timeout_seconds: 600                   # optional; default 600
///   e2e:
///     command: ./scripts/e2e.sh              # exit code 0 passes
///     timeout_seconds: 900                   # optional; default 600
/// </code>
/// </summary>
internal static class ValidationSection
{
    private const double DefaultTimeoutSeconds = 600;

    public static (ValidationPolicy? Policy, string? Error, Mark Mark) Read(YamlNode node)
    {
        var section = YamlSettings.Open("validation", node, "performance", "e2e");
        PerformanceCheck? performance = null;
        EndToEndCheck? e2e = null;
        if (section.Error is null && section.Node("performance") is { } performanceNode)
        {
            var settings = YamlSettings.Open("validation.performance", performanceNode, "command", "metric", "max_regression_percent", "higher_is_better", "timeout_seconds");
            var command = settings.String("command", required: true);
            var metric = settings.String("metric", required: true);
            var max = settings.Number("max_regression_percent", 0, 10_000);
            if (settings.Error is null && max is null)
            {
                settings.Fail("validation.performance.max_regression_percent is required", performanceNode.Start);
            }
            var higher = settings.Boolean("higher_is_better");
            var timeout = settings.Number("timeout_seconds", 1, 86_400);
            if (settings.Error is null && MetricError(metric!) is { } metricError)
            {
                settings.Fail("validation.performance.metric: " + metricError, settings.Node("metric")!.Start);
            }
            if (settings.Error is { } error)
            {
                return (null, error.Message, error.Mark);
            }
            performance = new PerformanceCheck(command!, metric!, max!.Value, higher ?? false, TimeSpan.FromSeconds(timeout ?? DefaultTimeoutSeconds));
        }
        if (section.Error is null && section.Node("e2e") is { } e2eNode)
        {
            var settings = YamlSettings.Open("validation.e2e", e2eNode, "command", "timeout_seconds");
            var command = settings.String("command", required: true);
            var timeout = settings.Number("timeout_seconds", 1, 86_400);
            if (settings.Error is { } error)
            {
                return (null, error.Message, error.Mark);
            }
            e2e = new EndToEndCheck(command!, TimeSpan.FromSeconds(timeout ?? DefaultTimeoutSeconds));
        }
        return section.Error is { } sectionError ? (null, sectionError.Message, sectionError.Mark) : (new ValidationPolicy(performance, e2e), null, Mark.Empty);
    }

    private static string? MetricError(string metric)
    {
        try
        {
            var regex = new Regex(metric, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            return regex.GetGroupNumbers().Length > 1 ? null : "the regular expression needs a group that captures the figure, as in 'elapsed_ms=([0-9.]+)'";
        }
        catch (ArgumentException e)
        {
            return $"not a valid regular expression ({e.Message})";
        }
    }
}
