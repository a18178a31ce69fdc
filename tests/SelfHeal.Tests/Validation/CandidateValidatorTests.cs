using SelfHeal.Policy;
using SelfHeal.Runs;
using SelfHeal.Tests.Support;
using SelfHeal.Validation;

namespace SelfHeal.Tests.Validation;

/// <summary>The built-in layers on a real Python project with pytest: order, evidence, and stopping at the first failure.</summary>
public sealed class CandidateValidatorTests
{
    [Fact]
    public async Task ValidateAsync_RightFix_PlausibleWithEveryLayersEvidenceInCostOrder()
    {
        using var repo = await CartRepository.CreateAsync();

        var result = await Validators.Default().ValidateAsync(repo.Request(), repo.Candidate("prices"));

        Assert.Equal(CandidateVerdict.Plausible, result.Outcome);
        Assert.Null(result.Verdict.FailedLayer);
        Assert.Equal(["security-scan", "compile", "targeted-tests", "regression", "performance", "e2e"], result.Verdict.Evidence.Select(e => e.Layer));
        Assert.Equal(LayerOutcome.Skipped, result.Verdict.Layer("compile")!.Outcome);
        var targeted = result.Verdict.Layer("targeted-tests")!;
        Assert.Equal(LayerOutcome.Passed, targeted.Outcome);
        Assert.Equal(new TestCounts(1, 0, 0), targeted.TestsAfter);
        Assert.Contains("pytest", targeted.Command, StringComparison.Ordinal);
        var regression = result.Verdict.Layer("regression")!;
        Assert.Equal(new TestCounts(3, 0, 0), regression.TestsAfter);
        Assert.Equal(new TestCounts(2, 1, 0), regression.TestsBefore);
        Assert.Equal(1, result.FixedTests);
        Assert.Contains("+    for p in prices:", result.Diff, StringComparison.Ordinal);
        Assert.Equal(result.Diff, result.Verdict.Diff);
        Assert.Contains(CartRepository.Buggy, repo.Git.Read(CartRepository.File), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_SyntaxError_FailsAtTargetedTestsWithTheErrorAsEvidenceAndNoSuiteRun()
    {
        using var repo = await CartRepository.CreateAsync();

        var result = await Validators.Default().ValidateAsync(repo.Request(), repo.Candidate("prices[1:"));

        // pytest reports a module that does not parse as an erroring test, not as a failed build.
        Assert.Equal(CandidateVerdict.StillFailing, result.Outcome);
        Assert.Equal("targeted-tests", result.Verdict.FailedLayer);
        Assert.Equal(["security-scan", "compile", "targeted-tests"], result.Verdict.Evidence.Select(e => e.Layer));
        Assert.Contains(result.Verdict.Evidence[^1].Details, d => d.Contains("SyntaxError", StringComparison.Ordinal));
        Assert.Null(result.Diff);
        Assert.Contains(CartRepository.Buggy, repo.Git.Read(CartRepository.File), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_FixThatBreaksAnotherTest_RegressionAndTheOptionalLayersNeverRun()
    {
        using var repo = await CartRepository.CreateAsync();
        var request = repo.Request() with { Policy = new ValidationPolicy(null, new EndToEndCheck("python3 e2e.py", TimeSpan.FromMinutes(1))) };
        var text = repo.Git.Read(CartRepository.File);
        var candidate = repo.Candidate("prices");
        var breaking = candidate with
        {
            Edits = [.. candidate.Edits, new SelfHeal.Repair.TextEdit(CartRepository.File, text.IndexOf("len(items)", StringComparison.Ordinal), "len(items)".Length, "len(items) + 1")],
        };

        var result = await Validators.Default().ValidateAsync(request, breaking);

        Assert.Equal(CandidateVerdict.Regression, result.Outcome);
        Assert.Equal("regression", result.Verdict.FailedLayer);
        Assert.StartsWith("tests/test_cart.py::test_count now fails: ", result.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Verdict.Evidence, e => e.Layer is "performance" or "e2e");
        Assert.Equal(text, repo.Git.Read(CartRepository.File));
    }

    [Fact]
    public async Task ValidateAsync_StillFailing_StopsAtTargetedTestsNamingTheTest()
    {
        using var repo = await CartRepository.CreateAsync();

        var result = await Validators.Default().ValidateAsync(repo.Request(), repo.Candidate("prices[2:]"));

        Assert.Equal(CandidateVerdict.StillFailing, result.Outcome);
        Assert.StartsWith($"{CartRepository.FailingTest} still fails: ", result.Detail, StringComparison.Ordinal);
        Assert.Contains(result.Verdict.Evidence[^1].Details, d => d.StartsWith($"still fails: {CartRepository.FailingTest} — ", StringComparison.Ordinal) && d.Contains("assert", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ValidateAsync_CandidateAddsUnsafeDeserialization_RejectedByTheScanBeforeAnyTestRuns()
    {
        using var repo = await CartRepository.CreateAsync();
        var runner = new CountingRunner(CartRepository.Runner());
        var request = repo.Request() with { Runner = runner };

        var result = await Validators.Default().ValidateAsync(request, repo.Candidate("pickle.loads(PAYLOAD) or prices"));

        Assert.Equal("security-scan", result.Verdict.FailedLayer);
        Assert.Equal(CandidateVerdict.RejectedByPolicy, result.Outcome);
        Assert.StartsWith("security scan: ", result.Detail, StringComparison.Ordinal);
        Assert.NotEmpty(result.Verdict.Evidence[0].Findings);
        Assert.Single(result.Verdict.Evidence);
        Assert.Equal(0, runner.Calls);
    }

    [Fact]
    public async Task ValidateAsync_Layers_RunByOrderAppliedAtTheBoundaryAndStopAtTheFirstFailure()
    {
        using var repo = await CartRepository.CreateAsync();
        var log = new List<string>();
        IValidationLayer[] layers =
        [
            new RecordingLayer("late", ValidationLayerOrder.EndToEnd, LayerOutcome.Passed, log),
            new RecordingLayer("after-apply", ValidationLayerOrder.TargetedTests, LayerOutcome.Passed, log),
            new RecordingLayer("fails", ValidationLayerOrder.Regression, LayerOutcome.Failed, log),
            new RecordingLayer("before-apply", ValidationLayerOrder.Compile, LayerOutcome.Passed, log),
        ];

        var result = await new CandidateValidator(layers).ValidateAsync(repo.Request(), repo.Candidate("prices"));

        Assert.Equal(["before-apply: original", "after-apply: applied", "fails: applied", "cleanup"], log);
        Assert.Equal("fails", result.Verdict.FailedLayer);
        Assert.Equal(["before-apply", "after-apply", "fails"], result.Verdict.Evidence.Select(e => e.Layer));
        Assert.Contains(CartRepository.Buggy, repo.Git.Read(CartRepository.File), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_EditOutsideTheRepository_NotAppliedAndNoLayerRuns()
    {
        using var repo = await CartRepository.CreateAsync();
        var log = new List<string>();
        var candidate = repo.Candidate("prices") with { Edits = [new SelfHeal.Repair.TextEdit("../outside.py", 0, 0, "x")] };

        var result = await new CandidateValidator([new RecordingLayer("any", ValidationLayerOrder.Compile, LayerOutcome.Passed, log)]).ValidateAsync(repo.Request(), candidate);

        Assert.Equal(CandidateVerdict.NotApplied, result.Outcome);
        Assert.Equal(CandidateValidator.ApplyStep, result.Verdict.FailedLayer);
        Assert.Empty(log);
    }

    private sealed class RecordingLayer(string name, int order, LayerOutcome outcome, List<string> log) : IValidationLayer
    {
        public string Name => name;

        public int Order => order;

        public Task<LayerResult> ValidateAsync(ValidationContext context, CancellationToken cancellationToken = default)
        {
            var applied = !File.ReadAllText(Path.Combine(context.WorkspacePath, CartRepository.File)).Contains(CartRepository.Buggy, StringComparison.Ordinal);
            log.Add($"{name}: {(applied ? "applied" : "original")}");
            if (name == "before-apply")
            {
                context.OnCleanup(_ =>
                {
                    log.Add("cleanup");
                    return Task.CompletedTask;
                });
            }
            return Task.FromResult(new LayerResult(name, outcome, TimeSpan.Zero, name) { Verdict = outcome == LayerOutcome.Failed ? CandidateVerdict.Regression : null });
        }
    }

    private sealed class CountingRunner(SelfHeal.Testing.ITestRunner inner) : SelfHeal.Testing.ITestRunner
    {
        public int Calls { get; private set; }

        public string Name => inner.Name;

        public bool CanRun(string repositoryPath) => inner.CanRun(repositoryPath);

        public Task<SelfHeal.Testing.TestRunResult> RunAsync(SelfHeal.Testing.TestRunRequest request, CancellationToken cancellationToken = default)
        {
            Calls++;
            return inner.RunAsync(request, cancellationToken);
        }
    }
}
