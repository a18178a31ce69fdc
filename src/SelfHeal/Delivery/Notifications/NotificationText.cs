namespace SelfHeal.Delivery.Notifications;

/// <summary>The words every notifier shares, so that people read the same thing wherever they are.</summary>
internal static class NotificationText
{
    /// <summary>A one-line headline for <paramref name="moment"/>.</summary>
    public static string Headline(NotificationMoment moment) => moment switch
    {
        NotificationMoment.Accepted => "SelfHeal is on it: the report was accepted and a run started.",
        NotificationMoment.FixProposed => "SelfHeal proposes a fix.",
        NotificationMoment.NeedsApproval => "SelfHeal has a fix that waits for approval.",
        NotificationMoment.Merged => "SelfHeal's fix was merged.",
        NotificationMoment.Failed => "SelfHeal could not fix this.",
        NotificationMoment.Reverted => "SelfHeal reverted its fix: production got worse after it shipped.",
        _ => $"SelfHeal: {moment}.",
    };

    /// <summary>A report's title on one line, clipped: untrusted text, shown only as data.</summary>
    public static string Title(string title, int maxLength = 200)
    {
        var line = string.Join(' ', title.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return line.Length <= maxLength ? line : string.Concat(line.AsSpan(0, maxLength - 1), "…");
    }

    /// <summary>The plain-text lines of a notification: headline, title, summary, links.</summary>
    public static IEnumerable<string> PlainLines(Notification notification)
    {
        yield return Headline(notification.Moment);
        yield return "";
        yield return $"Bug: {Title(notification.Report.Title)}";
        if (notification.Report.ExternalId is { Length: > 0 } externalId)
        {
            yield return $"Reported as: {externalId} ({notification.Report.Source})";
        }
        yield return $"Run: {notification.RunId}";
        yield return "";
        yield return notification.Summary;
        if (notification.PullRequestUrl is { } pullRequest)
        {
            yield return "";
            yield return $"The fix: {pullRequest}";
        }
        if (notification.ApproveUrl is { } approve)
        {
            yield return "";
            yield return $"Approve: {approve}";
        }
        if (notification.RejectUrl is { } reject)
        {
            yield return $"Reject: {reject}";
        }
    }
}
