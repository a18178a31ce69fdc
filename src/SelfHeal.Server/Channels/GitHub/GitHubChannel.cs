using System.Text.Json;
using Microsoft.Extensions.Options;
using SelfHeal.Reports;

namespace SelfHeal.Server.Channels.GitHub;

/// <summary>
/// GitHub webhooks: <c>issues</c> (opened, labeled) and <c>issue_comment</c> (created, with the <c>/selfheal</c>
/// command), signed with <c>X-Hub-Signature-256</c> (HMAC-SHA256 of the body) and de-duplicated on
/// <c>X-GitHub-Delivery</c>; filtered by the configured repositories and labels.
/// </summary>
internal sealed class GitHubChannel(IOptionsMonitor<GitHubChannelOptions> options, IOptions<SelfHeal.Delivery.DeliveryOptions>? delivery = null) : IChannel
{
    /// <summary>Only these may approve a fix by reviewing its pull request: people with rights on the repository.</summary>
    private static readonly string[] TrustedAssociations = ["OWNER", "MEMBER", "COLLABORATOR"];

    public string Name => "github";

    public Task<ChannelResult> ReceiveAsync(ChannelRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(Receive(request, options.CurrentValue, delivery?.Value.BranchPrefix ?? "selfheal/"));

    private static ChannelResult Receive(ChannelRequest request, GitHubChannelOptions settings, string branchPrefix)
    {
        if (string.IsNullOrEmpty(settings.Secret))
        {
            return ChannelResult.NotConfigured("The GitHub channel is off: set Channels:GitHub:Secret (environment: Channels__GitHub__Secret) to the webhook's secret.");
        }
        var signature = request.Headers["X-Hub-Signature-256"].ToString();
        if (!signature.StartsWith("sha256=", StringComparison.Ordinal)
            || !Signatures.HexEquals(signature["sha256=".Length..], Signatures.HmacSha256(settings.Secret, request.Body)))
        {
            return ChannelResult.Unauthorized(signature.Length == 0
                ? "Missing X-Hub-Signature-256. Set the webhook's secret in GitHub to the one configured here."
                : "X-Hub-Signature-256 does not match the body. Check that the webhook's secret in GitHub is the one configured here.");
        }
        var delivery = request.Headers["X-GitHub-Delivery"].ToString();
        var eventName = request.Headers["X-GitHub-Event"].ToString();
        if (delivery.Length is 0 or > 128 || eventName.Length == 0)
        {
            return ChannelResult.Malformed("A GitHub delivery carries X-GitHub-Event and X-GitHub-Delivery headers; one is missing.");
        }
        if (eventName == "ping")
        {
            return ChannelResult.Ignored("pong");
        }
        if (eventName == "pull_request_review")
        {
            return Review(request.Body, settings, branchPrefix);
        }
        if (eventName is not ("issues" or "issue_comment"))
        {
            return ChannelResult.Ignored($"Event '{Shorten(eventName)}' is not handled; subscribe the webhook to 'Issues', 'Issue comments' and 'Pull request reviews' only.");
        }
        using var document = ChannelJson.TryParse(request.Body, out var error);
        if (document is null)
        {
            return ChannelResult.Malformed(error!);
        }
        JsonElement? root = document.RootElement;
        var action = root.Str("action");
        var repository = root.Get("repository").Str("full_name");
        var issue = root.Get("issue");
        if (issue is null || repository is null || action is null)
        {
            return ChannelResult.Malformed($"The '{eventName}' payload has no 'action', 'issue' or 'repository.full_name'.");
        }
        if (settings.Repositories.Count > 0 && !settings.Repositories.Contains(repository, StringComparer.OrdinalIgnoreCase))
        {
            return ChannelResult.Ignored($"Repository '{Shorten(repository)}' is not one this server takes issues from.");
        }
        if (issue.Get("pull_request") is not null)
        {
            return ChannelResult.Ignored("Pull requests are not bug reports.");
        }
        var labels = issue.Array("labels").Select(l => ((JsonElement?)l).Str("name")).OfType<string>().ToList();
        return eventName == "issues"
            ? Issue(action, root, issue, repository, labels, delivery, settings)
            : Comment(action, root, issue, repository, labels, delivery, settings);
    }

    /// <summary>
    /// A review submitted on one of SelfHeal's pull requests (head branch <c>selfheal/&lt;run&gt;</c>): an approval or a
    /// request for changes by someone with rights on the repository is that person's review of the fix.
    /// </summary>
    private static ChannelResult Review(byte[] body, GitHubChannelOptions settings, string branchPrefix)
    {
        using var document = ChannelJson.TryParse(body, out var error);
        if (document is null)
        {
            return ChannelResult.Malformed(error!);
        }
        JsonElement? root = document.RootElement;
        var review = root.Get("review");
        var head = root.Get("pull_request").Get("head").Str("ref");
        var repository = root.Get("repository").Str("full_name");
        if (review is null || head is null || repository is null)
        {
            return ChannelResult.Malformed("The 'pull_request_review' payload has no 'review', 'pull_request.head.ref' or 'repository.full_name'.");
        }
        if (settings.Repositories.Count > 0 && !settings.Repositories.Contains(repository, StringComparer.OrdinalIgnoreCase))
        {
            return ChannelResult.Ignored($"Repository '{Shorten(repository)}' is not one this server works on.");
        }
        if (root.Str("action") != "submitted" || !head.StartsWith(branchPrefix, StringComparison.Ordinal))
        {
            return ChannelResult.Ignored("Only reviews submitted on SelfHeal's pull requests are handled.");
        }
        var state = review.Str("state")?.ToLowerInvariant();
        if (state is not ("approved" or "changes_requested"))
        {
            return ChannelResult.Ignored($"A '{Shorten(state ?? "")}' review neither approves nor rejects the fix.");
        }
        var association = review.Str("author_association") ?? "NONE";
        var login = review.Get("user").Str("login");
        if (login is null || !TrustedAssociations.Contains(association, StringComparer.OrdinalIgnoreCase))
        {
            return ChannelResult.Ignored($"The reviewer ({Shorten(login ?? "unknown")}, {Shorten(association)}) has no rights on the repository, so the review does not count.");
        }
        var comment = review.Str("body");
        return ChannelResult.Reviewed(new FixReviewDelivery(head[branchPrefix.Length..], state == "approved", login, "github-review",
            comment is { Length: > 2000 } ? comment[..2000] : comment));
    }

    private static ChannelResult Issue(string action, JsonElement? root, JsonElement? issue, string repository, List<string> labels, string delivery, GitHubChannelOptions settings)
    {
        if (action is not ("opened" or "labeled"))
        {
            return ChannelResult.Ignored($"Issue action '{Shorten(action)}' is not handled (only opened and labeled).");
        }
        if (settings.Labels.Count > 0)
        {
            // A 'labeled' delivery counts only for the label just added, so unrelated labels never re-report an issue.
            var relevant = action == "labeled" ? [root.Get("label").Str("name") ?? ""] : labels;
            if (!relevant.Any(l => settings.Labels.Contains(l, StringComparer.OrdinalIgnoreCase)))
            {
                return ChannelResult.Ignored($"The issue has none of the labels this server takes ({string.Join(", ", settings.Labels)}).");
            }
        }
        else if (action == "labeled")
        {
            return ChannelResult.Ignored("Labeling is only a trigger when labels are configured (Channels:GitHub:Labels).");
        }
        return ChannelResult.Accepted([new ChannelReport(ReportOf(issue, repository, labels), delivery)]);
    }

    private static ChannelResult Comment(string action, JsonElement? root, JsonElement? issue, string repository, List<string> labels, string delivery, GitHubChannelOptions settings)
    {
        var comment = root.Get("comment");
        var body = comment.Str("body") ?? "";
        var commandLine = body.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(settings.Command, StringComparison.OrdinalIgnoreCase));
        if (action != "created" || commandLine is null
            || (commandLine.Length > settings.Command.Length && !char.IsWhiteSpace(commandLine[settings.Command.Length])))
        {
            return ChannelResult.Ignored($"Comments are handled only when created and carrying the '{settings.Command}' command.");
        }
        var report = ReportOf(issue, repository, labels) with
        {
            Reporter = ((JsonElement?)comment).Get("user").Str("login"),
            Links = [.. ChannelText.Link("issue", issue.Str("html_url")), .. ChannelText.Link("comment", comment.Str("html_url"))],
            OccurredAt = comment.Time("created_at"),
        };
        return ChannelResult.Accepted([new ChannelReport(report, delivery)]);
    }

    private static BugReport ReportOf(JsonElement? issue, string repository, List<string> labels) =>
        new(ChannelText.Title(issue.Str("title"), "(untitled GitHub issue)"))
        {
            Description = ChannelText.Clip(issue.Str("body"), BugReportValidator.MaxDescriptionLength),
            Reporter = issue.Get("user").Str("login"),
            Repository = repository,
            Labels = [.. labels.Where(l => l.Length is > 0 and <= BugReportValidator.MaxShortFieldLength).Take(BugReportValidator.MaxLabels)],
            Links = [.. ChannelText.Link("issue", issue.Str("html_url"))],
            ExternalId = $"{repository}#{issue.Str("number")}",
            OccurredAt = issue.Time("created_at"),
        };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40];
}
