using SelfHeal.Decisions;
using SelfHeal.Delivery.PullRequests;
using SelfHeal.Runs;

namespace SelfHeal.Delivery.Approvals;

/// <summary>
/// Records a person's approval or rejection of a proposed fix, and merges it once the decision's reviews are in:
/// one for <see cref="DecisionAction.OneReview"/> and for a fix escalated to a human, two different reviewers for
/// <see cref="DecisionAction.TwoReviews"/>. Approving takes the pull request out of draft and merges it when the
/// forge's required checks pass; a rejection is final and nothing is merged. Idempotent: the same reviewer saying
/// the same thing twice changes nothing, and a merged fix is never merged again.
/// </summary>
public sealed class FixReviews(IRunStore runs, IEnumerable<IPullRequestProvider> providers, Notifications.RunNotifications? notifications = null)
{
    private readonly IReadOnlyList<IPullRequestProvider> _providers = [.. providers];

    /// <summary>Records the review and merges when it completes the required reviews.</summary>
    /// <exception cref="ReviewRefusedException">The run does not exist, has no fix to review, or was already decided; the message says why.</exception>
    public async Task<ReviewOutcome> RecordAsync(string runId, bool approve, string reviewer, string via, string? comment = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewer);
        var run = await runs.GetAsync(runId, cancellationToken).ConfigureAwait(false)
            ?? throw new ReviewRefusedException(ReviewRefusal.NotFound, $"There is no run '{runId}'.");
        var state = run.State;
        if (state.Delivery is null || state.Decision is not { } decision)
        {
            throw new ReviewRefusedException(ReviewRefusal.NothingToReview, $"Run {runId} has no proposed fix to review ({(state.Finished is null ? "it is still running" : "it ended without one")}).");
        }
        if (state.Reviews.FirstOrDefault(r => !r.Approved) is { } rejected)
        {
            throw new ReviewRefusedException(ReviewRefusal.AlreadyDecided, $"The fix of run {runId} was rejected by {rejected.Reviewer}; a rejection is final. Report the bug again for a new run.");
        }
        if (state.Merge is { Merged: true })
        {
            return approve
                ? new ReviewOutcome(ReviewStatus.AlreadyMerged, $"The fix of run {runId} is already merged.", state)
                : throw new ReviewRefusedException(ReviewRefusal.AlreadyDecided, $"The fix of run {runId} is already merged; revert it on the forge instead.");
        }
        if (state.Reviews.Any(r => r.Approved == approve && string.Equals(r.Reviewer, reviewer, StringComparison.OrdinalIgnoreCase)))
        {
            return await MergeIfCompleteAsync(runId, state, cancellationToken).ConfigureAwait(false) with { Status = ReviewStatus.AlreadyRecorded };
        }
        await runs.AppendAsync(runId, new FixReviewed(approve, reviewer, via, comment), cancellationToken).ConfigureAwait(false);
        state = (await runs.GetAsync(runId, cancellationToken).ConfigureAwait(false))!.State;
        if (!approve)
        {
            return new ReviewOutcome(ReviewStatus.Rejected, $"Rejected by {reviewer}; the fix of run {runId} will not be merged.", state);
        }
        return await MergeIfCompleteAsync(runId, state, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The review deadline of <paramref name="runId"/> passed: when no one rejected the fix and it still waits for its
    /// review, the policy approves it (reviewer <c>policy</c>, via <c>deadline</c>) and it merges like any approval.
    /// Otherwise nothing happens. Never throws for a run that moved on.
    /// </summary>
    public async Task<ReviewOutcome?> ApproveOnDeadlineAsync(string runId, CancellationToken cancellationToken = default)
    {
        var state = (await runs.GetAsync(runId, cancellationToken).ConfigureAwait(false))?.State;
        if (state?.Decision is not { ApproveAfter: { } after } || state.Delivery is null || state.Merge is { Merged: true }
            || state.Reviews.Any(r => !r.Approved) || state.Reviews.Count(r => r.Approved) >= RequiredApprovals(state.Decision.Action))
        {
            return null;
        }
        return await RecordAsync(runId, approve: true, "policy", "deadline",
            $"No one reviewed the fix within {after.TotalHours:0.#} h; the repository's policy (decision.approve_after_hours) approves it then.", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Approvals a decision needs before the fix may merge.</summary>
    public static int RequiredApprovals(DecisionAction action) => action switch
    {
        DecisionAction.AutoMerge => 0,
        DecisionAction.TwoReviews => 2,
        _ => 1,
    };

    private async Task<ReviewOutcome> MergeIfCompleteAsync(string runId, RunState state, CancellationToken cancellationToken)
    {
        var approvers = state.Reviews.Where(r => r.Approved).Select(r => r.Reviewer).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        var required = RequiredApprovals(state.Decision!.Action);
        if (approvers < required)
        {
            return new ReviewOutcome(ReviewStatus.Approved, $"Approved ({approvers} of {required} reviews); it merges after {required - approvers} more.", state);
        }
        if (state.PullRequest is not { } opened)
        {
            return new ReviewOutcome(ReviewStatus.Approved, $"Approved. The fix is on branch {state.Delivery!.Branch}; no pull request was opened, so merge it yourself (git merge {state.Delivery.Branch}).", state);
        }
        var provider = _providers.FirstOrDefault(p => string.Equals(p.Name, opened.Provider, StringComparison.OrdinalIgnoreCase));
        if (provider is null)
        {
            return new ReviewOutcome(ReviewStatus.Approved, $"Approved, but the {opened.Provider} provider is not configured here, so pull request {opened.Number} was not merged.", state);
        }
        var info = new PullRequestInfo(opened.Provider, opened.Number, opened.Url, opened.HeadBranch, opened.HeadCommit, opened.Draft, Created: false);
        MergeOutcome merge;
        try
        {
            info = await provider.MarkReadyAsync(info, cancellationToken).ConfigureAwait(false);
            merge = await provider.MergeAsync(info, cancellationToken).ConfigureAwait(false);
        }
        catch (PullRequestException e)
        {
            await runs.AppendAsync(runId, new DeliveryProblem("merge", e.Message, e.Transient), cancellationToken).ConfigureAwait(false);
            state = (await runs.GetAsync(runId, cancellationToken).ConfigureAwait(false))!.State;
            return new ReviewOutcome(ReviewStatus.Approved, $"Approved, but merging failed: {e.Message}", state);
        }
        await runs.AppendAsync(runId, new PullRequestMerged(opened.Provider, opened.Number, merge.Merged, merge.Detail), cancellationToken).ConfigureAwait(false);
        if (merge.Merged && notifications is not null)
        {
            await notifications.NotifyAsync(runId, Notifications.NotificationMoment.Merged, cancellationToken).ConfigureAwait(false);
        }
        state = (await runs.GetAsync(runId, cancellationToken).ConfigureAwait(false))!.State;
        return merge.Merged
            ? new ReviewOutcome(ReviewStatus.Merged, $"Approved and merged: {merge.Detail}", state)
            : new ReviewOutcome(ReviewStatus.Approved, $"Approved; pull request {opened.Number} is ready but not merged yet: {merge.Detail}", state);
    }
}

/// <summary>Where a review left the fix.</summary>
public sealed record ReviewOutcome(ReviewStatus Status, string Message, RunState State);

/// <summary>What a review did.</summary>
public enum ReviewStatus
{
    /// <summary>Recorded; the fix waits for more reviews, for its checks, or for a manual merge.</summary>
    Approved,

    /// <summary>Recorded, and the fix is merged.</summary>
    Merged,

    /// <summary>Recorded; the fix will not be merged.</summary>
    Rejected,

    /// <summary>The same reviewer had already said so.</summary>
    AlreadyRecorded,

    /// <summary>The fix was already merged.</summary>
    AlreadyMerged,
}

/// <summary>Why a review could not be recorded.</summary>
public enum ReviewRefusal
{
    NotFound,
    NothingToReview,
    AlreadyDecided,
}

/// <summary>A review that cannot be recorded; the message says why.</summary>
public sealed class ReviewRefusedException(ReviewRefusal refusal, string message) : Exception(message)
{
    public ReviewRefusal Refusal { get; } = refusal;
}
