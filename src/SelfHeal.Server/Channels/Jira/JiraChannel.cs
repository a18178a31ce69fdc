using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SelfHeal.Reports;

namespace SelfHeal.Server.Channels.Jira;

/// <summary>
/// Jira Cloud webhooks <c>jira:issue_created</c> and <c>jira:issue_updated</c>, verified with <c>X-Hub-Signature</c>
/// (HMAC-SHA256 of the body) when a secret is configured, de-duplicated on <c>X-Atlassian-Webhook-Identifier</c>.
/// </summary>
internal sealed class JiraChannel(IOptionsMonitor<JiraChannelOptions> options) : IChannel
{
    public string Name => "jira";

    public Task<ChannelResult> ReceiveAsync(ChannelRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(Receive(request, options.CurrentValue));

    private static ChannelResult Receive(ChannelRequest request, JiraChannelOptions settings)
    {
        if (string.IsNullOrEmpty(settings.Secret) && !settings.AllowUnsigned)
        {
            return ChannelResult.NotConfigured("The Jira channel is off: set Channels:Jira:Secret to the webhook's secret (or Channels:Jira:AllowUnsigned=true for a webhook without one).");
        }
        if (!string.IsNullOrEmpty(settings.Secret))
        {
            var signature = request.Headers["X-Hub-Signature"].ToString();
            if (!signature.StartsWith("sha256=", StringComparison.Ordinal)
                || !Signatures.HexEquals(signature["sha256=".Length..], Signatures.HmacSha256(settings.Secret, request.Body)))
            {
                return ChannelResult.Unauthorized(signature.Length == 0
                    ? "Missing X-Hub-Signature. Give the Jira webhook the secret configured here."
                    : "X-Hub-Signature does not match the body (expected sha256=<hex>). Check the Jira webhook's secret.");
            }
        }
        using var document = ChannelJson.TryParse(request.Body, out var error);
        if (document is null)
        {
            return ChannelResult.Malformed(error!);
        }
        JsonElement? root = document.RootElement;
        var webhookEvent = root.Str("webhookEvent");
        if (webhookEvent is not ("jira:issue_created" or "jira:issue_updated"))
        {
            return ChannelResult.Ignored($"Event '{webhookEvent ?? "(none)"}' is not handled (only jira:issue_created and jira:issue_updated).");
        }
        var issue = root.Get("issue");
        var fields = issue.Get("fields");
        var key = issue.Str("key");
        if (key is null || fields is null)
        {
            return ChannelResult.Malformed("The payload has no 'issue.key' or 'issue.fields'.");
        }
        var project = fields.Get("project").Str("key") ?? key.Split('-')[0];
        if (settings.Projects.Count > 0 && !settings.Projects.Contains(project, StringComparer.OrdinalIgnoreCase))
        {
            return ChannelResult.Ignored($"Project '{project}' is not one this server takes issues from.");
        }
        var deliveryId = request.Headers["X-Atlassian-Webhook-Identifier"].ToString() is { Length: > 0 and <= 128 } identifier
            ? identifier
            : Signatures.DigestId(webhookEvent, issue.Str("id") ?? key, root.Str("timestamp") ?? "");
        var report = new BugReport(ChannelText.Title(fields.Str("summary"), $"(untitled Jira issue {key})"))
        {
            Description = ChannelText.Clip(Text(fields.Get("description")), BugReportValidator.MaxDescriptionLength),
            Priority = PriorityOf(fields.Get("priority").Str("name")),
            Reporter = fields.Get("reporter").Str("displayName") ?? root.Get("user").Str("displayName"),
            Labels = [.. fields.Array("labels").Where(l => l.ValueKind == JsonValueKind.String).Select(l => l.GetString()!).Where(l => l.Length is > 0 and <= 256).Take(BugReportValidator.MaxLabels)],
            Environment = fields.Str("environment") is { Length: > 0 and <= 4096 } environment ? new Dictionary<string, string> { ["environment"] = environment } : new Dictionary<string, string>(),
            Links = [.. ChannelText.Link("issue", BrowseUrl(issue.Str("self"), key))],
            ExternalId = key,
            OccurredAt = fields.Time("created"),
        };
        return ChannelResult.Accepted([new ChannelReport(report, deliveryId)]);
    }

    private static BugPriority PriorityOf(string? name) => name?.ToLowerInvariant() switch
    {
        "highest" or "blocker" => BugPriority.Urgent,
        "high" or "critical" => BugPriority.High,
        "medium" or "major" => BugPriority.Normal,
        "low" or "lowest" or "minor" or "trivial" => BugPriority.Low,
        _ => BugPriority.Unknown,
    };

    /// <summary><c>https://site.atlassian.net/rest/api/2/issue/10002</c> → <c>https://site.atlassian.net/browse/KEY-1</c>.</summary>
    private static string? BrowseUrl(string? self, string key) =>
        self is not null && Uri.TryCreate(self, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}/browse/{Uri.EscapeDataString(key)}" : null;

    /// <summary>A description as wiki text (a string) or as Atlassian Document Format (its text nodes, paragraphs on their own lines).</summary>
    private static string? Text(JsonElement? description)
    {
        if (description is not { } element)
        {
            return null;
        }
        if (element.ValueKind == JsonValueKind.String)
        {
            return element.GetString();
        }
        var text = new StringBuilder();
        AppendAdf(element, text, 0);
        return text.ToString().Trim();
    }

    private static void AppendAdf(JsonElement node, StringBuilder text, int depth)
    {
        if (depth > 32 || node.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        if (node.Str("type") == "text" && node.Str("text") is { } value)
        {
            text.Append(value);
        }
        foreach (var child in ((JsonElement?)node).Array("content"))
        {
            AppendAdf(child, text, depth + 1);
        }
        if (node.Str("type") is "paragraph" or "codeBlock" or "heading" or "listItem" or "hardBreak")
        {
            text.Append('\n');
        }
    }
}
