using Microsoft.Extensions.Options;
using SelfHeal.Pipeline;
using SelfHeal.Reports;
using SelfHeal.Runs;
using SelfHeal.Runs.Sqlite;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Pipeline;

public sealed class PipelineRunnerTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly SqliteRunStore _store;

    public PipelineRunnerTests() =>
        _store = new SqliteRunStore(Options.Create(new SqliteRunStoreOptions { DatabasePath = _dir.Combine("runs.db") }), TimeProvider.System);

    private async Task<string> NewRunAsync()
    {
        await _store.AppendAsync("r1", new RunCreated(new BugReport("bug"), new RunTarget("/repo", null, null, false)));
        return "r1";
    }

    [Fact]
    public async Task RunAsync_AllStagesContinue_CompletesInOrder()
    {
        var runId = await NewRunAsync();
        var a = new RecordingStage("a");
        var b = new RecordingStage("b");

        var state = await new PipelineRunner(_store).RunAsync(runId, [a, b]);

        Assert.Equal(RunStatus.Completed, state.Status);
        Assert.Equal(["a", "b"], state.CompletedStages.Order());
        Assert.Equal(1, a.Calls);
        Assert.Equal(1, b.Calls);
    }

    [Fact]
    public async Task RunAsync_StageStops_LaterStagesDoNotRun()
    {
        var runId = await NewRunAsync();
        var later = new RecordingStage("later");

        var state = await new PipelineRunner(_store).RunAsync(runId, [new RecordingStage("stop", StageOutcome.Stop(RunOutcome.Inconclusive, "nothing fails")), later]);

        Assert.Equal(RunStatus.Inconclusive, state.Status);
        Assert.Equal("nothing fails", state.Finished!.Summary);
        Assert.Equal(0, later.Calls);
    }

    [Fact]
    public async Task RunAsync_ResumedAfterInterruption_SkipsCompletedStages()
    {
        var runId = await NewRunAsync();
        var first = new RecordingStage("first");
        await _store.AppendAsync(runId, new StageStarted("first"));
        await _store.AppendAsync(runId, new StageCompleted("first", "done earlier"));
        await _store.AppendAsync(runId, new StageStarted("second"));
        var second = new RecordingStage("second");

        var state = await new PipelineRunner(_store).RunAsync(runId, [first, second]);

        Assert.Equal(0, first.Calls);
        Assert.Equal(1, second.Calls);
        Assert.Equal(RunStatus.Completed, state.Status);
    }

    [Fact]
    public async Task RunAsync_StageAborts_RunFailsWithTheMessage()
    {
        var runId = await NewRunAsync();

        var state = await new PipelineRunner(_store).RunAsync(runId, [new ThrowingStage(new RunAbortedException("not a git repository"))]);

        Assert.Equal(RunStatus.Failed, state.Status);
        Assert.Equal("not a git repository", state.FailureReason);
    }

    [Fact]
    public async Task RunAsync_Cancelled_RecordsCancellationAndRethrows()
    {
        var runId = await NewRunAsync();
        using var cts = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new PipelineRunner(_store).RunAsync(runId, [new CancellingStage(cts)], cancellationToken: cts.Token));

        var run = await _store.GetAsync(runId);
        Assert.Equal(RunStatus.Cancelled, run!.State.Status);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private sealed class RecordingStage(string name, StageOutcome? outcome = null) : IPipelineStage
    {
        public int Calls { get; private set; }

        public string Name => name;

        public Task<StageOutcome> RunAsync(StageContext context, CancellationToken cancellationToken = default)
        {
            Calls++;
            return Task.FromResult(outcome ?? StageOutcome.Continue(name + " done"));
        }
    }

    private sealed class ThrowingStage(Exception exception) : IPipelineStage
    {
        public string Name => "throwing";

        public Task<StageOutcome> RunAsync(StageContext context, CancellationToken cancellationToken = default) => throw exception;
    }

    private sealed class CancellingStage(CancellationTokenSource source) : IPipelineStage
    {
        public string Name => "cancelling";

        public async Task<StageOutcome> RunAsync(StageContext context, CancellationToken cancellationToken = default)
        {
            await source.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
            return StageOutcome.Continue("unreachable");
        }
    }
}
