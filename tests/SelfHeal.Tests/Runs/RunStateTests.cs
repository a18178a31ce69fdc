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
    public void Fold_NotificationsSent_KnowsWhichKeysWentOut()
    {
        var state = RunState.Fold(
        [
            At(1, new NotificationSent("jira", "FixProposed", "r:FixProposed:jira", false, "Jira answered 503")),
            At(2, new NotificationSent("slack", "FixProposed", "r:FixProposed:slack", false, "Slack answered 500")),
            At(3, new NotificationSent("jira", "FixProposed", "r:FixProposed:jira", true, null)),
        ]);

        Assert.Equal(3, state.Notifications.Count);
        Assert.True(state.WasNotified("r:FixProposed:jira"));
        Assert.False(state.WasNotified("r:FixProposed:slack"));
        Assert.False(state.WasNotified("r:Merged:jira"));
    }

    [Fact]
    public void NotificationSent_Json_HasItsPersistedDiscriminator()
    {
        var json = System.Text.Json.JsonSerializer.Serialize<RunEvent>(new NotificationSent("email", "Merged", "r:Merged:email", true, null), RunJson.Options);

        Assert.StartsWith("{\"type\":\"notification.sent\"", json, StringComparison.Ordinal);
        Assert.IsType<NotificationSent>(System.Text.Json.JsonSerializer.Deserialize<RunEvent>(json, RunJson.Options));
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
