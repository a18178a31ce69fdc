using SelfHeal.Reports;

namespace SelfHeal.Delivery.Notifications;

/// <summary>
/// Tells people where they already are what happened to their bug: a comment on the GitHub issue, a comment and
/// transition on the Jira issue, a Slack reply, an email, a webhook. A notifier fails on its own: its failure is
/// recorded and never fails the run.
/// </summary>
public interface INotifier
{
    /// <summary>The notifier's name in configuration and run records: <c>github</c>, <c>jira</c>, <c>slack</c>, <c>email</c>, <c>webhook</c>.</summary>
    string Name { get; }

    /// <summary>Whether this notifier has anything to say for this notification (for example: the bug came from GitHub).</summary>
    bool AppliesTo(Notification notification);

    /// <summary>Sends it. Implementations retry transient failures themselves and throw <see cref="NotificationException"/> when they give up.</summary>
    Task SendAsync(Notification notification, CancellationToken cancellationToken = default);
}

/// <summary>The moments a notification is sent at.</summary>
public enum NotificationMoment
{
    /// <summary>SelfHeal accepted the report and started a run.</summary>
    Accepted,

    /// <summary>A validated fix was proposed (a branch or pull request).</summary>
    FixProposed,

    /// <summary>A fix waits for a human's approval.</summary>
    NeedsApproval,

    /// <summary>The fix was merged.</summary>
    Merged,

    /// <summary>The run ended without a fix.</summary>
    Failed,

    /// <summary>SelfHeal reverted its fix after production got worse.</summary>
    Reverted,
}

/// <summary>One thing to tell people about one run.</summary>
/// <param name="Moment">When in the run's life this is.</param>
/// <param name="RunId">The run.</param>
/// <param name="Report">The bug as received (untrusted text: data only).</param>
/// <param name="Summary">One or two plain sentences on what happened.</param>
/// <param name="PullRequestUrl">The pull request or branch, when there is one.</param>
/// <param name="ReportMarkdown">The run's full Markdown report, for channels that carry it (email).</param>
/// <param name="ApproveUrl">A signed link that approves the pending fix, when it waits for approval.</param>
/// <param name="RejectUrl">A signed link that rejects it.</param>
public sealed record Notification(
    NotificationMoment Moment,
    string RunId,
    BugReport Report,
    string Summary,
    string? PullRequestUrl = null,
    string? ReportMarkdown = null,
    string? ApproveUrl = null,
    string? RejectUrl = null)
{
    /// <summary>
    /// The key that makes sending idempotent: one run, one moment, one notifier → at most one message,
    /// however often the run is resumed or retried.
    /// </summary>
    public string IdempotencyKey(string notifier) => $"{RunId}:{Moment}:{notifier}";
}

/// <summary>A notifier gave up. The message is safe to log: it never holds a token or a webhook URL's secret.</summary>
public sealed class NotificationException(string message, Exception? inner = null) : Exception(message, inner);
