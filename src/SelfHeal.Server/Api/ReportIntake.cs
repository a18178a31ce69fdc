using SelfHeal.Bugs;
using SelfHeal.Reports;
using SelfHeal.Server.Jobs;
using SelfHeal.Triage;

namespace SelfHeal.Server.Api;

/// <summary>
/// The one way reports enter the store, from any channel or the API: stamped with the time received, validated
/// (all of a delivery's reports, before any is stored), triaged and recorded with their delivery keys.
/// </summary>
internal sealed class ReportIntake(BugTriage triage, IBugStore bugs, HealJobScheduler heals, TimeProvider timeProvider, ILogger<ReportIntake> logger)
{
    public async Task<IntakeOutcome> RecordAsync(IReadOnlyList<(BugReport Report, DeliveryKey? Delivery)> reports, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var stamped = reports.Select(r => (Report: r.Report with { ReceivedAt = now }, r.Delivery)).ToList();
        var problems = stamped.SelectMany(r => BugReportValidator.Validate(r.Report)).ToList();
        if (problems.Count > 0)
        {
            return new IntakeOutcome([], problems, string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}")));
        }
        var results = new List<BugIntakeResult>(stamped.Count);
        foreach (var (report, delivery) in stamped)
        {
            var result = await triage.RecordAsync(report, delivery, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            if (result.Outcome == BugIntakeOutcome.Created)
            {
                await ScheduleHealAsync(result.BugId, cancellationToken).ConfigureAwait(false);
            }
        }
        return new IntakeOutcome(results, [], null);
    }

    /// <summary>A new bug gets its durable heal job; the report is stored already, so a scheduler failure is logged, not returned.</summary>
    private async Task ScheduleHealAsync(string bugId, CancellationToken cancellationToken)
    {
        try
        {
            if (await heals.ScheduleAsync(bugId, cancellationToken).ConfigureAwait(false))
            {
                await bugs.SetHealAsync(bugId, new BugHeal(BugHealStatus.Scheduled), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Quartz.SchedulerException e)
        {
            logger.LogError(e, "Bug {BugId} is stored, but its heal job could not be scheduled", bugId);
        }
    }
}

/// <summary>What was stored, or (when <see cref="Problems"/> is set) why nothing was.</summary>
internal sealed record IntakeOutcome(IReadOnlyList<BugIntakeResult> Results, IReadOnlyList<BugReportProblem> ProblemList, string? Problems);
