using Quartz;

namespace SelfHeal.Server.Jobs;

/// <summary>Schedules the durable <see cref="HealBugJob"/> of a newly accepted bug, once per bug.</summary>
public sealed class HealJobScheduler(ISchedulerFactory schedulers)
{
    /// <summary>Schedules bug <paramref name="bugId"/>'s heal to run now; <see langword="false"/> when it already has one.</summary>
    public Task<bool> ScheduleAsync(string bugId, CancellationToken cancellationToken = default) => ScheduleAsync(bugId, retry: false, cancellationToken);

    private async Task<bool> ScheduleAsync(string bugId, bool retry, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        var job = JobBuilder.Create<HealBugJob>()
            .WithIdentity(bugId, HealBugJob.Group)
            .WithDescription("Heal a bug")
            .StoreDurably()
            .RequestRecovery()
            .Build();
        var trigger = TriggerBuilder.Create().WithIdentity(bugId, HealBugJob.Group).ForJob(job).UsingJobData(HealBugJob.RetryKey, retry).StartNow().Build();
        try
        {
            await scheduler.ScheduleJob(job, trigger, default, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ObjectAlreadyExistsException)
        {
            return false;
        }
    }

    /// <summary>Runs bug <paramref name="bugId"/>'s heal job again now, asking for a new run when its latest run has finished.</summary>
    public async Task RetryAsync(string bugId, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        var key = new JobKey(bugId, HealBugJob.Group);
        // A bug whose heal was never scheduled (stored while the scheduler was unreachable) gets its job now.
        if (await scheduler.GetJobDetail(key, cancellationToken).ConfigureAwait(false) is not null
            || !await ScheduleAsync(bugId, retry: true, cancellationToken).ConfigureAwait(false))
        {
            await scheduler.TriggerJob(key, new JobDataMap { [HealBugJob.RetryKey] = true }, cancellationToken).ConfigureAwait(false);
        }
    }
}
