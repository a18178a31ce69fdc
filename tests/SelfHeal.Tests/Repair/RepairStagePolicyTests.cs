using Microsoft.Extensions.Options;
using SelfHeal.Localization;
using SelfHeal.Pipeline;
using SelfHeal.Policy;
using SelfHeal.Repair;
using SelfHeal.Reports;
using SelfHeal.Runs;
using SelfHeal.Runs.Sqlite;
using SelfHeal.Testing;
using SelfHeal.Tests.Support;
using SelfHeal.Validation;

namespace SelfHeal.Tests.Repair;

public sealed class RepairStagePolicyTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task RunAsync_CandidateEditsAWorkflowFile_RejectedByPolicyWithoutRunningTests()
    {
        using var repo = await GitRepository.InitAsync();
        repo.Write(".github/workflows/ci.yml", "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n");
        repo.Write("app.py", "def total(xs):\n    return sum(xs)\n");
        await repo.CommitAllAsync();
        var store = new SqliteRunStore(Options.Create(new SqliteRunStoreOptions { DatabasePath = _dir.Combine("runs.db") }), TimeProvider.System);
        const string runId = "20261123-000000-test";
        var suspect = new Suspect(".github/workflows/ci.yml", 4, 4, null, 0.9, []);
        RunEvent[] events =
        [
            new RunCreated(new BugReport("CI is red"), new RunTarget(repo.Path, null, null, false)),
            new WorkspacePrepared(repo.Path, "HEAD", [], []),
            new FailureReproduced("tests/test_app.py::test_total", "assert 1 == 2", null),
            new SuspectFound(1, suspect),
        ];
        foreach (var e in events)
        {
            await store.AppendAsync(runId, e);
        }
        var run = await store.GetAsync(runId);
        var context = new StageContext(runId, run!.State, store, null);
        var forbidden = new CandidatePatch("fake", "delete-step", suspect, [new TextEdit(".github/workflows/ci.yml", 0, 8, "on: never")], "disable CI", 1.0);
        var runner = new ThrowingRunner();
        var stage = new RepairStage([new FixedEngine(forbidden)], new FixedResolver(runner), Validators.Default(),
            new PatchPolicyLoader(Options.Create(new PatchPolicyOptions())), new CommandProbe(TestSandbox.Runner()), Options.Create(new RepairOptions()), TimeProvider.System);

        var outcome = await stage.RunAsync(context);

        Assert.Equal(RunOutcome.Inconclusive, outcome.StopWith);
        var tested = Assert.Single(context.State.Candidates);
        Assert.Equal(CandidateVerdict.RejectedByPolicy, tested.Verdict);
        Assert.Contains("forbidden-path", tested.Detail, StringComparison.Ordinal);
        Assert.Equal("on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n", repo.Read(".github/workflows/ci.yml"));
        Assert.Equal(0, runner.Calls);
    }

    [Fact]
    public async Task RunAsync_CandidateAddsASecret_RejectedByTheSecurityScanWithoutRunningTests()
    {
        using var repo = await GitRepository.InitAsync();
        repo.Write("app.py", "def client():\n    return connect(key=None)\n");
        await repo.CommitAllAsync();
        var store = new SqliteRunStore(Options.Create(new SqliteRunStoreOptions { DatabasePath = _dir.Combine("runs.db") }), TimeProvider.System);
        const string runId = "20261123-000000-scan";
        var suspect = new Suspect("app.py", 2, 2, "client", 0.9, []);
        RunEvent[] events =
        [
            new RunCreated(new BugReport("client fails"), new RunTarget(repo.Path, null, null, false)),
            new WorkspacePrepared(repo.Path, "HEAD", [], []),
            new FailureReproduced("tests/test_app.py::test_client", "auth failed", null),
            new SuspectFound(1, suspect),
        ];
        foreach (var e in events)
        {
            await store.AppendAsync(runId, e);
        }
        var run = await store.GetAsync(runId);
        var context = new StageContext(runId, run!.State, store, null);
        var text = repo.Read("app.py");
        var start = text.IndexOf("None", StringComparison.Ordinal);
        // Amazon's documented example access key id: shaped like a real one, valid for nothing.
        var leaking = new CandidatePatch("fake", "literal", suspect, [new TextEdit("app.py", start, 4, "\"AKIAIOSFODNN7EXAMPLE\"")], "hard-code a key", 1.0);
        var runner = new ThrowingRunner();
        var stage = new RepairStage([new FixedEngine(leaking)], new FixedResolver(runner), Validators.Default(),
            new PatchPolicyLoader(Options.Create(new PatchPolicyOptions())), new CommandProbe(TestSandbox.Runner()), Options.Create(new RepairOptions()), TimeProvider.System);

        await stage.RunAsync(context);

        var tested = Assert.Single(context.State.Candidates);
        Assert.Equal(CandidateVerdict.RejectedByPolicy, tested.Verdict);
        Assert.StartsWith("security scan: ", tested.Detail, StringComparison.Ordinal);
        Assert.Equal(0, runner.Calls);
        Assert.Equal(text, repo.Read("app.py"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private sealed class FixedEngine(params CandidatePatch[] candidates) : IRepairEngine
    {
        public string Name => "fake";

        public async IAsyncEnumerable<CandidatePatch> ProposeAsync(RepairContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var candidate in candidates)
            {
                await Task.Yield();
                yield return candidate;
            }
        }
    }

    private sealed class FixedResolver(ITestRunner runner) : ITestRunnerResolver
    {
        public ITestRunner? Resolve(string repositoryPath, string? command) => runner;
    }

    private sealed class ThrowingRunner : ITestRunner
    {
        public int Calls { get; private set; }

        public string Name => "fake";

        public bool CanRun(string repositoryPath) => true;

        public Task<TestRunResult> RunAsync(TestRunRequest request, CancellationToken cancellationToken = default)
        {
            Calls++;
            return Task.FromResult(new TestRunResult("fake", "fake", 0, [], "", TimeSpan.Zero));
        }
    }
}
