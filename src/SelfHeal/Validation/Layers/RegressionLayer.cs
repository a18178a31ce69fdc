using SelfHeal.Runs;
using SelfHeal.Testing;

namespace SelfHeal.Validation.Layers;

/// <summary>
/// Runs the whole suite without rebuilding: every test that passed before must still pass (known flaky tests
/// excepted), and no test may disappear.
/// </summary>
internal sealed class RegressionLayer : IValidationLayer
{
    public const string LayerName = "regression";

    public string Name => LayerName;

    public int Order => ValidationLayerOrder.Regression;

    public async Task<LayerResult> ValidateAsync(ValidationContext context, CancellationToken cancellationToken = default)
    {
        var request = context.Request;
        var run = await request.Runner.RunAsync(new TestRunRequest(context.WorkspacePath)
        {
            Command = request.TestCommand,
            NoBuild = true,
            Timeout = request.TestTimeout,
        }, cancellationToken).ConfigureAwait(false);
        var after = new TestCounts(run.Passed, run.Failed, run.Skipped);
        LayerResult Fail(string summary, IReadOnlyList<string> details) => new(Name, LayerOutcome.Failed, run.Duration, summary)
        {
            Command = run.Command,
            Verdict = CandidateVerdict.Regression,
            Details = details,
            TestsBefore = request.Baseline,
            TestsAfter = after,
        };
        if (run.Problem is not null && !run.Tests.Any())
        {
            return Fail("the full suite could not run: " + Text.FirstLine(run.Problem), Text.Diagnostics(run.Problem + "\n" + run.Output));
        }
        var broken = run.Tests.Where(t => t.IsFailure && !request.FlakyTests.Contains(t.Id)).Select(t => t.Id).ToList();
        if (broken.Count > 0)
        {
            return Fail($"{broken[0]} now fails" + (broken.Count > 1 ? $" (+{broken.Count - 1} more)" : "") + Text.Why(run.Tests.FirstOrDefault(t => t.Id == broken[0])),
                [.. broken.Select(id => "now fails: " + id)]);
        }
        if (run.Tests.Count < request.Baseline.Total)
        {
            return Fail($"{request.Baseline.Total - run.Tests.Count} test(s) no longer run", [$"{request.Baseline.Total} tests ran before, {run.Tests.Count} now"]);
        }
        var flaky = run.Tests.Count(t => t.IsFailure);
        return new LayerResult(Name, LayerOutcome.Passed, run.Duration, $"{run.Passed} tests pass" + (flaky > 0 ? $" ({flaky} known flaky failure(s) ignored)" : ""))
        {
            Command = run.Command,
            TestsBefore = request.Baseline,
            TestsAfter = after,
        };
    }
}
