namespace SelfHeal.Delivery.Approvals;

/// <summary>
/// Keeps the policy's review deadlines (<c>decision.approve_after_hours</c>): at the deadline, a fix nobody reviewed
/// is approved by the policy (<see cref="FixReviews.ApproveOnDeadlineAsync"/>). The service keeps them in its durable
/// job store, so a deadline survives restarts and fires once in a cluster; without one (the CLI) there are none.
/// </summary>
public interface IReviewDeadlines
{
    /// <summary>Arranges for run <paramref name="runId"/>'s deadline at <paramref name="at"/>; scheduling it again changes nothing.</summary>
    Task ScheduleAsync(string runId, DateTimeOffset at, CancellationToken cancellationToken = default);
}
