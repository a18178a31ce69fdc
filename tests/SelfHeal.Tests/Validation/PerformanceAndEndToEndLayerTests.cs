using SelfHeal.Policy;
using SelfHeal.Runs;
using SelfHeal.Tests.Support;
using SelfHeal.Validation;

namespace SelfHeal.Tests.Validation;

/// <summary>
/// The optional layers against a real project: its benchmark prints how many loop steps <c>total</c> took (a
/// deterministic figure), and its end-to-end script checks totals the unit tests do not.
/// </summary>
public sealed class PerformanceAndEndToEndLayerTests
{
    private static readonly PerformanceCheck Steps = new("python3 bench.py", @"steps=(\d+)", 10, false, TimeSpan.FromMinutes(1));
    private static readonly EndToEndCheck EndToEnd = new("python3 e2e.py", TimeSpan.FromMinutes(1));

    [Fact]
    public async Task ValidateAsync_FixWithinThePerformanceLimit_PlausibleWithBothFiguresAsEvidence()
    {
        using var repo = await CartRepository.CreateAsync();
        var request = await WithBaselineAsync(repo, new ValidationPolicy(Steps, EndToEnd));

        var result = await Validators.Default().ValidateAsync(request, repo.Candidate("prices"));

        Assert.Equal(CandidateVerdict.Plausible, result.Outcome);
        var performance = result.Verdict.Layer("performance")!;
        Assert.Equal(LayerOutcome.Passed, performance.Outcome);
        Assert.Equal(999, performance.Performance!.Base);
        Assert.Equal(1000, performance.Performance.Candidate);
        Assert.Equal("python3 bench.py", performance.Command);
        Assert.Equal(LayerOutcome.Passed, result.Verdict.Layer("e2e")!.Outcome);
    }

    [Fact]
    public async Task ValidateAsync_FixThatDoublesTheWork_PerformanceRegressionAndEndToEndNeverRuns()
    {
        using var repo = await CartRepository.CreateAsync();
        var request = await WithBaselineAsync(repo, new ValidationPolicy(Steps, EndToEnd));

        var result = await Validators.Default().ValidateAsync(request, repo.Candidate("prices + [0] * len(prices)"));

        Assert.Equal(CandidateVerdict.PerformanceRegression, result.Outcome);
        Assert.Equal("performance", result.Verdict.FailedLayer);
        Assert.Equal(LayerOutcome.Passed, result.Verdict.Layer("regression")!.Outcome);
        var comparison = result.Verdict.Layer("performance")!.Performance!;
        Assert.Equal(2000, comparison.Candidate);
        Assert.True(comparison.RegressionPercent > 100, $"{comparison.RegressionPercent}% worse");
        Assert.Null(result.Verdict.Layer("e2e"));
    }

    [Fact]
    public async Task ValidateAsync_FixThatPassesTheTestsButNotTheEndToEndScript_EndToEndFailedWithItsOutput()
    {
        using var repo = await CartRepository.CreateAsync();
        var request = repo.Request() with { Policy = new ValidationPolicy(null, EndToEnd) };

        var result = await Validators.Default().ValidateAsync(request, repo.Candidate("[int(p) for p in prices]"));

        Assert.Equal(CandidateVerdict.EndToEndFailed, result.Outcome);
        var e2e = result.Verdict.Layer("e2e")!;
        Assert.Equal("the end-to-end command exited with code 1", e2e.Summary);
        Assert.Contains("e2e: wrong total for [1.5, 2.5]", e2e.Details);
        Assert.Equal(LayerOutcome.Skipped, result.Verdict.Layer("performance")!.Outcome);
    }

    [Fact]
    public async Task ValidateAsync_BaseFigureUnknown_PerformanceSkippedWithTheReason()
    {
        using var repo = await CartRepository.CreateAsync();
        var broken = Steps with { Metric = @"elapsed_ms=(\d+)" };
        var request = await WithBaselineAsync(repo, new ValidationPolicy(broken, null));

        var result = await Validators.Default().ValidateAsync(request, repo.Candidate("prices"));

        Assert.Equal(CandidateVerdict.Plausible, result.Outcome);
        var performance = result.Verdict.Layer("performance")!;
        Assert.Equal(LayerOutcome.Skipped, performance.Outcome);
        Assert.Contains("has no match for the metric", performance.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("steps=12\nsteps=40\n", @"steps=(\d+)", 40.0)]
    [InlineData("throughput: 1,5 ops/s\nthroughput: 2.5e3 ops/s\n", @"throughput: (?<value>[0-9.e+-]+) ops", 2500.0)]
    [InlineData("nothing here", @"steps=(\d+)", null)]
    public void ReadFigure_Output_LastMatchesGroup(string output, string metric, double? expected)
    {
        Assert.Equal(expected, CommandProbe.ReadFigure(metric, output));
    }

    private static async Task<ValidationRequest> WithBaselineAsync(CartRepository repo, ValidationPolicy policy)
    {
        var baseline = policy.Performance is null ? null : await new CommandProbe(TestSandbox.Runner()).MeasureAsync(policy.Performance, repo.Path);
        return repo.Request() with { Policy = policy, PerformanceBaseline = baseline };
    }
}
