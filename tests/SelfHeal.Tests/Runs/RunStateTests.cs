using SelfHeal.Reports;
using SelfHeal.Runs;

namespace SelfHeal.Tests.Runs;

public sealed class RunStateTests
{
    private static RunEventEnvelope At(long seq, RunEvent e) => new("r", seq, DateTimeOffset.UnixEpoch.AddSeconds(seq), e);

    [Fact]
    public void Fold_StagesStartedAndCompleted_TracksCurrentAndCompleted()
    {
        var state = RunState.Fold(
        [
            At(1, new RunCreated(new BugReport("t"), new RunTarget("/r", null, null, false))),
            At(2, new StageStarted("reproduce")),
            At(3, new StageCompleted("reproduce", "ok")),
            At(4, new StageStarted("localize")),
        ]);

        Assert.Equal("localize", state.CurrentStage);
        Assert.Contains("reproduce", state.CompletedStages);
        Assert.Equal(RunStatus.Running, state.Status);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(1), state.CreatedAt);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(4), state.UpdatedAt);
    }

    [Fact]
    public void Fold_RunFinishedCompleted_StatusCompleted()
    {
        var state = RunState.Fold([At(1, new RunFinished(RunOutcome.Completed, "done"))]);

        Assert.Equal(RunStatus.Completed, state.Status);
        Assert.Null(state.CurrentStage);
    }

    [Fact]
    public void Apply_DoesNotChangeThePreviousState()
    {
        var before = RunState.Empty;

        var after = before.Apply(At(1, new WarningRaised("w")));

        Assert.Empty(before.Warnings);
        Assert.Single(after.Warnings);
    }
}
