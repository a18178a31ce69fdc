using Microsoft.Extensions.Options;
using SelfHeal.Decisions;
using SelfHeal.Pipeline;
using SelfHeal.Policy;
using SelfHeal.Repair;
using SelfHeal.Reports;
using SelfHeal.Runs;
using SelfHeal.Runs.Sqlite;
using SelfHeal.Security;
using SelfHeal.Testing;
using SelfHeal.Tests.Support;
using SelfHeal.Tests.Validation;
using SelfHeal.Validation;

namespace SelfHeal.Tests.Repair;

/// <summary>Repair, then Decide, on a real pytest project whose <c>.selfheal.yml</c> asks for performance and end-to-end checks.</summary>
public sealed class RepairStageValidationTests : IDisposable
{
    private const string Yml = """
        validation:
          performance:
            command: python3 bench.py
            metric: 'steps=(\d+)'
            max_regression_percent: 10
          e2e:
            command: python3 e2e.py
        """;

    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task RunAsync_PolicyWithPerformanceCheck_BaselineMeasuredOnceAndEveryVerdictRecordedWithEvidence()
    {
        using var repo = await CartRepository.CreateAsync(Yml);
        var context = await ContextAsync(repo);
        var engine = new FixedEngine(repo.Candidate("prices[2:]"), repo.Candidate("prices + [0] * len(prices)", template: "slow"), repo.Candidate("prices", template: "right"));

        var outcome = await Stage(engine).RunAsync(context);

        Assert.Null(outcome.StopWith);
        var baseline = Assert.Single((await EventsAsync()).OfType<PerformanceBaselineMeasured>());
        Assert.Equal(999, baseline.Measurement.Figure);
        Assert.Equal([CandidateVerdict.StillFailing, CandidateVerdict.PerformanceRegression, CandidateVerdict.Plausible], context.State.Verdicts.Select(v => v.Verdict.Outcome));
        Assert.Equal([1, 2, 3], context.State.Verdicts.Select(v => v.Index));
        Assert.Equal(context.State.Candidates.Select(c => c.Verdict), context.State.Verdicts.Select(v => v.Verdict.Outcome));
        var chosen = context.State.PatchVerdict!;
        Assert.Equal(["security-scan", "compile", "targeted-tests", "regression", "performance", "e2e"], chosen.Evidence.Select(e => e.Layer));
        Assert.All(chosen.Evidence.Where(e => e.Layer != "compile"), e => Assert.Equal(LayerOutcome.Passed, e.Outcome));
    }

    [Fact]
    public async Task RunAsync_ThenDecide_DecisionRecordedWithTheMatrixRuleAndItsFactors()
    {
        using var repo = await CartRepository.CreateAsync(Yml);
        var context = await ContextAsync(repo);
        await Stage(new FixedEngine(repo.Candidate("prices"))).RunAsync(context);
        var decide = new DecideStage(new PatchPolicyLoader(Options.Create(new PatchPolicyOptions())), new DiffSecurityScanner(), Options.Create(new DecisionOptions()));

        var outcome = await decide.RunAsync(context);

        var decision = context.State.Decision!;
        Assert.Equal(DecisionAction.OneReview, decision.Action);
        Assert.Equal("matrix:high/medium", decision.Rule);
        Assert.Equal(RiskLevel.Medium, decision.Risk.Level);
        Assert.Equal(0.05, decision.Confidence.Factors.Single(f => f.Name == "performance").Contribution);
        Assert.Equal(0.05, decision.Confidence.Factors.Single(f => f.Name == "e2e").Contribution);
        Assert.StartsWith("one-review by rule matrix:high/medium (default)", outcome.Summary, StringComparison.Ordinal);
        var again = await decide.RunAsync(context);
        Assert.Equal(outcome.Summary, again.Summary);
        Assert.Single(await EventsAsync(), e => e is DecisionMade);
    }

    [Fact]
    public async Task RunAsync_PolicyFileWithAnError_WarnsWithTheLineAndValidatesWithoutTheOptionalLayers()
    {
        using var repo = await CartRepository.CreateAsync("validation:\n  e2e:\n    comand: python3 e2e.py\n");
        var context = await ContextAsync(repo);

        await Stage(new FixedEngine(repo.Candidate("prices"))).RunAsync(context);

        Assert.Contains(context.State.Warnings, w => w.Contains(".selfheal.yml line 3: validation.e2e.comand is not a known setting", StringComparison.Ordinal));
        Assert.Equal(LayerOutcome.Skipped, context.State.PatchVerdict!.Layer("e2e")!.Outcome);
        Assert.Null(context.State.PerformanceBaseline);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private static RepairStage Stage(IRepairEngine engine) =>
        new([engine], new FixedResolver(CartRepository.Runner()), Validators.Default(), new PatchPolicyLoader(Options.Create(new PatchPolicyOptions())),
            new CommandProbe(TestSandbox.Runner()), Options.Create(new RepairOptions()), TimeProvider.System);

    private const string RunId = "20261123-000000-vali";

    private SqliteRunStore? _store;

    private async Task<IReadOnlyList<RunEvent>> EventsAsync() => [.. (await _store!.GetAsync(RunId))!.Events.Select(e => e.Event)];

    private async Task<StageContext> ContextAsync(CartRepository repo)
    {
        var store = _store = new SqliteRunStore(Options.Create(new SqliteRunStoreOptions { DatabasePath = _dir.Combine("runs.db") }), TimeProvider.System);
        const string runId = RunId;
        RunEvent[] events =
        [
            new RunCreated(new BugReport("total skips the first price"), new RunTarget(repo.Path, null, null, false)),
            new WorkspacePrepared(repo.Path, "HEAD", [], []),
            new TestRunCompleted("reproduce", "pytest", "pytest", 1, 2, 1, 0, TimeSpan.FromSeconds(1)),
            new FailureReproduced(CartRepository.FailingTest, "assert 5 == 6", null),
            new SuspectFound(1, CartRepository.Suspect),
        ];
        foreach (var e in events)
        {
            await store.AppendAsync(runId, e);
        }
        return new StageContext(runId, (await store.GetAsync(runId))!.State, store, null);
    }

    private sealed class FixedEngine(params CandidatePatch[] candidates) : IRepairEngine
    {
        public string Name => "fake";

        public async IAsyncEnumerable<CandidatePatch> ProposeAsync(RepairContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var (candidate, i) in candidates.Select((c, i) => (c, i)))
            {
                await Task.Yield();
                yield return candidate with { Score = 1.0 - (i * 0.1) };
            }
        }
    }

    private sealed class FixedResolver(ITestRunner runner) : ITestRunnerResolver
    {
        public ITestRunner? Resolve(string repositoryPath, string? command) => runner;
    }
}
