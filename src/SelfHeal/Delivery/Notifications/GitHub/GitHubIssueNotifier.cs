using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SelfHeal.Delivery.PullRequests;
using SelfHeal.Delivery.PullRequests.GitHub;

namespace SelfHeal.Delivery.Notifications.GitHub;

/// <summary>
/// Comments on the GitHub issue a bug came from (<see cref="Reports.BugReport.ExternalId"/> <c>owner/name#12</c>).
/// Each comment carries a hidden marker with the notification's idempotency key, and an issue that already has it
/// is left alone, so a resumed run never comments twice. Transient failures are retried
/// (<see cref="GitHubOptions.NotifyAttempts"/>, doubling <see cref="GitHubOptions.NotifyRetryDelay"/>, waiting for a
/// rate limit that resets within a minute); then <see cref="NotificationException"/> is thrown.
/// </summary>
internal sealed partial class GitHubIssueNotifier(GitHubConnection connection, TimeProvider time) : INotifier
{
    private static readonly TimeSpan LongestRateLimitWait = TimeSpan.FromMinutes(1);

    public string Name => "github";

    public bool AppliesTo(Notification notification) =>
        notification is not null
        && string.Equals(notification.Report.Source, "github", StringComparison.OrdinalIgnoreCase)
        && GitHubRepository.TryParseIssue(notification.Report.ExternalId, out _, out _);

    public async Task SendAsync(Notification notification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (!GitHubRepository.TryParseIssue(notification.Report.ExternalId, out var repo, out var number))
        {
            throw new NotificationException($"The report's id '{notification.Report.ExternalId}' is not a GitHub issue (owner/name#12), so SelfHeal cannot comment on it.");
        }
        var marker = Marker(notification);
        var body = Render(notification, marker);
        var delay = connection.Options.NotifyRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var comments = await connection.CallAsync(c => c.Issue.Comment.GetAllForIssue(repo.Owner, repo.Name, number), $"read the comments of {repo}#{number}", cancellationToken).ConfigureAwait(false);
                if (comments.Any(c => c.Body?.Contains(marker, StringComparison.Ordinal) == true))
                {
                    return;
                }
                await connection.CallAsync(c => c.Issue.Comment.Create(repo.Owner, repo.Name, number, body), $"comment on {repo}#{number}", cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (PullRequestException e) when (e.Transient && attempt < connection.Options.NotifyAttempts)
            {
                var wait = delay;
                if (e.RetryAt is { } retryAt)
                {
                    var untilReset = retryAt - time.GetUtcNow();
                    if (untilReset > LongestRateLimitWait)
                    {
                        throw new NotificationException($"SelfHeal could not comment on {repo}#{number}: {e.Message}", e);
                    }
                    wait = untilReset > wait ? untilReset : wait;
                }
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                delay *= 2;
            }
            catch (PullRequestException e)
            {
                var tries = attempt == 1 ? "" : string.Create(CultureInfo.InvariantCulture, $" (after {attempt} attempts)");
                throw new NotificationException($"SelfHeal could not comment on {repo}#{number}{tries}: {e.Message}", e);
            }
        }
    }

    /// <summary>The hidden marker that makes the comment idempotent.</summary>
    public static string Marker(Notification notification) => $"<!-- selfheal:{notification.IdempotencyKey("github")} -->";

    /// <summary>The comment: a headline for the moment, the summary as escaped plain text, the links, the marker.</summary>
    public static string Render(Notification notification, string marker)
    {
        var text = new StringBuilder();
        text.Append("**SelfHeal** ").Append(notification.Moment switch
        {
            NotificationMoment.Accepted => "is working on this bug.",
            NotificationMoment.FixProposed => "proposed a fix.",
            NotificationMoment.NeedsApproval => "has a fix that waits for a human's approval.",
            NotificationMoment.Merged => "merged its fix.",
            NotificationMoment.Failed => "could not fix this bug.",
            NotificationMoment.Reverted => "reverted its fix after production got worse.",
            _ => "has news about this bug.",
        }).Append("\n\n");
        if (!string.IsNullOrWhiteSpace(notification.Summary))
        {
            text.Append(Escape(notification.Summary)).Append("\n\n");
        }
        if (SafeUrl(notification.PullRequestUrl) is { } pull)
        {
            text.Append("Fix: ").Append(pull).Append('\n');
        }
        if (SafeUrl(notification.ApproveUrl) is { } approve && SafeUrl(notification.RejectUrl) is { } reject)
        {
            text.Append("Approve: ").Append(approve).Append(" · Reject: ").Append(reject).Append('\n');
        }
        text.Append("Run: `").Append(RunIdPattern().Replace(notification.RunId, "")).Append("`\n\n").Append(marker);
        return text.ToString();
    }

    /// <summary>
    /// Untrusted text as inert Markdown: one line, at most 600 characters, HTML and Markdown syntax escaped, and
    /// <c>@mentions</c> broken with a zero-width space so nobody is pinged.
    /// </summary>
    public static string Escape(string untrusted)
    {
        var line = WhitespacePattern().Replace(untrusted, " ").Trim();
        if (line.Length > 600)
        {
            line = line[..600] + "…";
        }
        var escaped = new StringBuilder(line.Length + 16);
        foreach (var c in line)
        {
            _ = c switch
            {
                '<' => escaped.Append("&lt;"),
                '>' => escaped.Append("&gt;"),
                '&' => escaped.Append("&amp;"),
                '@' => escaped.Append("@\u200B"),
                '\\' or '`' or '*' or '_' or '[' or ']' or '(' or ')' or '#' or '|' or '~' or '!' => escaped.Append('\\').Append(c),
                _ => escaped.Append(c),
            };
        }
        return escaped.ToString();
    }

    private static string? SafeUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && string.IsNullOrEmpty(uri.UserInfo)
            ? uri.AbsoluteUri.Replace(" ", "%20", StringComparison.Ordinal).Replace("<", "%3C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal)
            : null;

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();

    [GeneratedRegex(@"[^A-Za-z0-9._:-]")]
    private static partial Regex RunIdPattern();
}
