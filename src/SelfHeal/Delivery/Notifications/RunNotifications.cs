using SelfHeal.Delivery.Notifications.Approvals;
using SelfHeal.Runs;

namespace SelfHeal.Delivery.Notifications;

/// <summary>
/// Tells the notifiers what happened to a run at the moments that matter: accepted, fix proposed, needs approval (with
/// signed approve and reject links when <see cref="ApprovalLinks"/> is configured), merged, failed. Built from the
/// run's state; sent through <see cref="NotificationDispatcher"/>, so a notifier's failure never fails the run and a
/// resumed run never sends the same moment twice. Without a dispatcher (no notifier configured) it does nothing.
/// </summary>
public sealed class RunNotifications(IRunStore runs, NotificationDispatcher? dispatcher = null, ApprovalLinks? links = null)
{
    /// <summary>Sends <paramref name="moment"/> for <paramref name="runId"/>; returns what each notifier did.</summary>
    public async Task<IReadOnlyList<NotificationResult>> NotifyAsync(string runId, NotificationMoment moment, CancellationToken cancellationToken = default)
    {
        if (dispatcher is null)
        {
            return [];
        }
        var run = await runs.GetAsync(runId, cancellationToken).ConfigureAwait(false);
        if (run?.State.Report is not { } report)
        {
            return [];
        }
        var state = run.State;
        var url = state.PullRequest?.Url;
        var needsApproval = moment == NotificationMoment.NeedsApproval;
        string? markdown = null;
        if (moment is NotificationMoment.FixProposed or NotificationMoment.NeedsApproval)
        {
            markdown = FixReport.Markdown(runId, state, run.Events);
        }
        var notification = new Notification(moment, runId, report, Summary(moment, state), url, markdown,
            needsApproval ? links?.Create(runId, ApprovalAction.Approve).ToString() : null,
            needsApproval ? links?.Create(runId, ApprovalAction.Reject).ToString() : null);
        return await dispatcher.DispatchAsync(notification, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The moment a delivered run is at: merged, waiting for a review, or proposed.</summary>
    public static NotificationMoment MomentAfterDelivery(RunState state) =>
        state.Merge is { Merged: true } ? NotificationMoment.Merged
        : state.Decision is { NeedsReview: true } ? NotificationMoment.NeedsApproval
        : NotificationMoment.FixProposed;

    private static string Summary(NotificationMoment moment, RunState state)
    {
        var where = state.PullRequest is { } pr ? $"pull request {pr.Number}" : state.Delivery is { } d ? $"branch {d.Branch}" : null;
        var change = state.Patch is { } patch ? $"{patch.Description} in {patch.File}" : null;
        return moment switch
        {
            NotificationMoment.Accepted => "SelfHeal accepted this bug and started working on it.",
            NotificationMoment.FixProposed => $"SelfHeal fixed this bug ({change}) and validated the fix with the project's tests; it is in {where}.",
            NotificationMoment.NeedsApproval => $"SelfHeal fixed this bug ({change}) and validated it; the policy ({state.Decision?.Rule}) wants a human review before it merges. The fix is in {where}.",
            NotificationMoment.Merged => $"SelfHeal's fix for this bug ({change}) was merged ({state.Merge?.Detail}).",
            NotificationMoment.Failed => $"SelfHeal could not fix this bug automatically: {state.Finished?.Summary ?? state.FailureReason ?? "the run ended without a fix"}. A human needs to look at it.",
            NotificationMoment.Reverted => "SelfHeal reverted its fix for this bug after production got worse.",
            _ => moment.ToString(),
        };
    }
}
