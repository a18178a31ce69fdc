using SelfHeal.Decisions;
using SelfHeal.Delivery.Approvals;
using SelfHeal.Runs;

namespace SelfHeal.Server.Api;

/// <summary>
/// Where the human review of a run's fix stands: the decision asked for one or two approvals
/// (<see cref="DecisionAction.OneReview"/>, <see cref="DecisionAction.TwoReviews"/>); it is pending until that many
/// different reviewers approved, or until one rejected.
/// </summary>
public sealed record RunReview(bool Pending, int Required, IReadOnlyList<FixReviewed> Reviews)
{
    /// <summary>The review state of <paramref name="run"/>, or <see langword="null"/> when its decision asks for no review.</summary>
    public static RunReview? Of(HealingRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var required = run.State.Decision is { } decision ? FixReviews.RequiredApprovals(decision.Action) : 0;
        if (required == 0)
        {
            return null;
        }
        var reviews = run.State.Reviews;
        var approvals = reviews.Where(r => r.Approved).Select(r => r.Reviewer).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        return new RunReview(!reviews.Any(r => !r.Approved) && approvals < required, required, reviews);
    }
}
