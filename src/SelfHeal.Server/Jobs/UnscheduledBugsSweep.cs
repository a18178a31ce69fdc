using Microsoft.Extensions.Options;
using SelfHeal.Bugs;

namespace SelfHeal.Server.Jobs;

/// <summary>
/// Gives every open bug that has no heal job one: a report is stored before its job is scheduled, so a scheduler that
/// was unreachable, or a process killed between the two, would otherwise leave the bug waiting forever. Runs at start
/// and every <see cref="JobsOptions.SweepIntervalSeconds"/>; scheduling is keyed by bug id, so sweeping on every server
/// and worker of a cluster, or racing the intake, schedules nothing twice.
/// </summary>
internal sealed partial class UnscheduledBugsSweep(IBugStore bugs, HealJobScheduler heals, IOptions<JobsOptions> options, TimeProvider time, ILogger<UnscheduledBugsSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.SweepIntervalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var scheduled = await SweepAsync(stoppingToken).ConfigureAwait(false);
                if (scheduled > 0)
                {
                    LogScheduled(logger, scheduled);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e.GetType().Name, e.Message);
            }
            try
            {
                await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Schedules the heal of every open bug without one; returns how many.</summary>
    internal async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var scheduled = 0;
        for (var offset = 0; ; offset += BugQuery.MaxLimit)
        {
            var page = await bugs.ListAsync(new BugQuery { Status = BugStatus.Open, Limit = BugQuery.MaxLimit, Offset = offset }, cancellationToken).ConfigureAwait(false);
            foreach (var bug in page.Where(b => b.Heal is null))
            {
                if (await heals.ScheduleAsync(bug.Id, cancellationToken).ConfigureAwait(false))
                {
                    await bugs.SetHealAsync(bug.Id, new BugHeal(BugHealStatus.Scheduled), cancellationToken).ConfigureAwait(false);
                    scheduled++;
                }
            }
            if (page.Count < BugQuery.MaxLimit)
            {
                return scheduled;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled the heal of {Count} bug(s) that had none (stored while the scheduler was unreachable, or just before a crash).")]
    private static partial void LogScheduled(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for bugs without a heal job failed ({Error}: {Message}); trying again later.")]
    private static partial void LogFailed(ILogger logger, string error, string message);
}
