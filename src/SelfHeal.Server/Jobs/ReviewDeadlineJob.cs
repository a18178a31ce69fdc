using Quartz;
using SelfHeal.Delivery.Approvals;

namespace SelfHeal.Server.Jobs;

/// <summary>
/// Fires at a run's review deadline (<c>decision.approve_after_hours</c>): the policy approves a fix nobody reviewed.
/// Durable: the deadline is in the job store, survives restarts, and fires once in a cluster.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class ReviewDeadlineJob(FixReviews reviews) : IJob
{
    /// <summary>The group of review-deadline jobs; a job's name is its run id.</summary>
    public const string Group = "review-deadline";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await reviews.ApproveOnDeadlineAsync(context.JobDetail.Key.Name, cancellationToken).ConfigureAwait(false);
}

/// <summary>Review deadlines as durable Quartz jobs, one per run.</summary>
internal sealed class QuartzReviewDeadlines(ISchedulerFactory schedulers) : IReviewDeadlines
{
    public async Task ScheduleAsync(string runId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        var job = JobBuilder.Create<ReviewDeadlineJob>()
            .WithIdentity(runId, ReviewDeadlineJob.Group)
            .WithDescription("Approve an unreviewed fix at the policy's deadline")
            .RequestRecovery()
            .Build();
        var trigger = TriggerBuilder.Create().WithIdentity(runId, ReviewDeadlineJob.Group).ForJob(job).StartAt(at).Build();
        try
        {
            await scheduler.ScheduleJob(job, trigger, default, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Scheduled before (a resumed run): the first deadline stands.
        }
    }
}
