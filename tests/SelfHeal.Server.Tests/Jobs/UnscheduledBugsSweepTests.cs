using SelfHeal.Bugs;
using SelfHeal.Reports;

namespace SelfHeal.Server.Tests.Jobs;

/// <summary>A bug stored without its heal job (the scheduler was down, or the process died in between) gets one.</summary>
public sealed class UnscheduledBugsSweepTests
{
    [Fact]
    public async Task BugStoredWithoutAHealJob_IsScheduledByTheSweepAndThenHealed()
    {
        // The scheduler fires by the wall clock, so this server runs on it; the sweep looks every half second.
        using var server = new ServerFactory(new Dictionary<string, string?> { ["Jobs:SweepIntervalSeconds"] = "0.5" }, fakeClock: false);
        _ = server.CreateClient();
        // Straight into the store, as a report is when the process dies before scheduling its job.
        var stored = await server.Bugs.RecordAsync(new BugIntake(new BugReport("Invoice PDF is blank") { Repository = "octo-org/not-configured" }));

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        BugSummary bug;
        do
        {
            await Task.Delay(100, timeout.Token);
            bug = (await server.Bugs.GetAsync(stored.BugId, 0, timeout.Token))!.Summary;
        }
        while (bug.Heal?.Status is null or BugHealStatus.Scheduled or BugHealStatus.Running);

        // Its heal job ran: the repository is not configured, which the job says (and does not retry).
        Assert.Equal(BugHealStatus.NeedsConfiguration, bug.Heal!.Status);
    }
}
