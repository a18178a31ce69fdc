using SelfHeal.Runs;
using SelfHeal.Testing;

namespace SelfHeal.Validation.Layers;

/// <summary>
/// Runs only the reproduced failures: each must now pass. The test runner builds the candidate first unless the
/// compile layer already did; a build that produces no test results fails here as <see cref="CandidateVerdict.BuildFailed"/>
/// with the compiler's diagnostics as evidence.
/// </summary>
internal sealed class TargetedTestsLayer : IValidationLayer
{
    public const string LayerName = "targeted-tests";

    public string Name => LayerName;

    public int Order => ValidationLayerOrder.TargetedTests;

    public async Task<LayerResult> ValidateAsync(ValidationContext context, CancellationToken cancellationToken = default)
    {
        var request = context.Request;
        var failing = request.FailingTests;
        var run = await request.Runner.RunAsync(new TestRunRequest(context.WorkspacePath)
        {
            Command = request.TestCommand,
            Only = failing,
            NoBuild = context.Prebuilt,
            Timeout = request.TestTimeout,
        }, cancellationToken).ConfigureAwait(false);
        var before = new TestCounts(0, failing.Count, 0);
        var after = new TestCounts(run.Passed, run.Failed, run.Skipped);
        if (run.Problem is not null && !run.Tests.Any())
        {
            return new LayerResult(Name, LayerOutcome.Failed, run.Duration, "the build or syntax check failed: " + Text.FirstLine(run.Problem))
            {
                Command = run.Command,
                Verdict = CandidateVerdict.BuildFailed,
                Details = Text.Diagnostics(run.Problem + "\n" + run.Output),
                TestsBefore = before,
                TestsAfter = after,
            };
        }
        var fixedTests = failing.Where(id => run.Tests.Any(t => t.Id == id && t.Status == TestStatus.Passed)).ToList();
        context.FixedTests = fixedTests.Count;
        if (fixedTests.Count < failing.Count)
        {
            var still = failing.Except(fixedTests).ToList();
            return new LayerResult(Name, LayerOutcome.Failed, run.Duration, $"{still[0]} still fails" + Text.Why(run.Tests.FirstOrDefault(t => t.Id == still[0])))
            {
                Command = run.Command,
                Verdict = CandidateVerdict.StillFailing,
                Details = [$"{fixedTests.Count} of {failing.Count} previously failing tests pass", .. still.Select(id => "still fails: " + id + Because(run, id))],
                TestsBefore = before,
                TestsAfter = after,
            };
        }
        return new LayerResult(Name, LayerOutcome.Passed, run.Duration, $"{failing.Count} previously failing test(s) pass")
        {
            Command = run.Command,
            Details = [.. fixedTests.Select(id => "now passes: " + id)],
            TestsBefore = before,
            TestsAfter = after,
        };
    }

    /// <summary>" — " and the test's first error line (or another failure's, when the test did not run at all: a module that does not import).</summary>
    private static string Because(TestRunResult run, string id)
    {
        var test = run.Tests.FirstOrDefault(t => t.Id == id) ?? run.Tests.FirstOrDefault(t => t.IsFailure);
        var text = $"{test?.Message}\n{test?.StackTrace}";
        return string.IsNullOrWhiteSpace(text) ? "" : " — " + Text.Diagnostics(text)[0];
    }
}
