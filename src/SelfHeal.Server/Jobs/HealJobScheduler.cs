using Quartz;

namespace SelfHeal.Server.Jobs;

/// <summary>Schedules the durable <see cref="HealBugJob"/> of a newly accepted bug, once per bug.</summary>
public sealed class HealJobScheduler(ISchedulerFactory schedulers)
{
    /// <summary>Schedules bug <paramref name="bugId"/>'s heal to run now; <see langword="false"/> when it already has one.</summary>
    public async Task<bool> ScheduleAsync(string bugId, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        var job = JobBuilder.Create<HealBugJob>()
            .WithIdentity(bugId, HealBugJob.Group)
            .WithDescription("Heal a bug")
            .StoreDurably()
            .RequestRecovery()
            .Build();
        var trigger = TriggerBuilder.Create().WithIdentity(bugId, HealBugJob.Group).ForJob(job).StartNow().Build();
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
}
