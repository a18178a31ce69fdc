using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SelfHeal.Delivery.Notifications.Jira;

/// <summary>
/// Comments on the Jira issue a report came from (Jira Cloud REST v3, Atlassian Document Format), and moves the issue
/// along its workflow at the configured moments. Idempotent: each comment carries its idempotency key (as a comment
/// property and as a last line of text), and a notification whose key is already on the issue is not posted again.
/// The transition is made before the comment, so a send that failed half-way completes on the next try.
/// </summary>
internal sealed partial class JiraNotifier(IHttpClientFactory clients, IOptions<JiraNotifierOptions> options, ILogger<JiraNotifier> logger) : INotifier
{
    public const string HttpClientName = "selfheal.notify.jira";
    private const string Service = "Jira";

    public string Name => "jira";

    public bool AppliesTo(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return options.Value.SpeaksAt(notification.Moment)
            && string.Equals(notification.Report.Source, "jira", StringComparison.OrdinalIgnoreCase)
            && notification.Report.ExternalId is { } key && IssueKey().IsMatch(key);
    }

    public async Task SendAsync(Notification notification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (!AppliesTo(notification))
        {
            throw new ArgumentException("The notification is not for Jira (its report did not come from a Jira issue).", nameof(notification));
        }
        var settings = options.Value;
        var issue = notification.Report.ExternalId!;
        var marker = Marker(notification.IdempotencyKey(Name));
        using var client = CreateClient(settings);

        if (settings.Transitions.TryGetValue(notification.Moment, out var transitionName) && !string.IsNullOrWhiteSpace(transitionName))
        {
            await TransitionAsync(client, issue, transitionName, cancellationToken).ConfigureAwait(false);
        }
        if (await HasCommentAsync(client, issue, marker, settings.MaxCommentsScanned, cancellationToken).ConfigureAwait(false))
        {
            logger.LogInformation("Jira issue {Issue} already has the {Moment} comment of run {RunId}; not posted again.", issue, notification.Moment, notification.RunId);
            return;
        }
        var comment = new JsonObject
        {
            ["body"] = JiraDocument.Build(notification, marker),
            ["properties"] = new JsonArray(new JsonObject
            {
                ["key"] = "selfheal",
                ["value"] = new JsonObject { ["idempotencyKey"] = notification.IdempotencyKey(Name), ["runId"] = notification.RunId, ["moment"] = notification.Moment.ToString() },
            }),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"rest/api/3/issue/{Uri.EscapeDataString(issue)}/comment") { Content = JsonContent.Create(comment) };
        using var response = await NotifierHttp.SendAsync(client, request, Service, showBody: true, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Commented on Jira issue {Issue} ({Moment} of run {RunId}).", issue, notification.Moment, notification.RunId);
    }

    /// <summary>The last line of every SelfHeal comment: how a later send recognizes it.</summary>
    internal static string Marker(string idempotencyKey) => $"selfheal-notification: {idempotencyKey}";

    private HttpClient CreateClient(JiraNotifierOptions settings)
    {
        var client = clients.CreateClient(HttpClientName);
        client.BaseAddress = new Uri(settings.BaseUrl!.TrimEnd('/') + "/");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.Email}:{settings.ApiToken}")));
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    private async Task TransitionAsync(HttpClient client, string issue, string wanted, CancellationToken cancellationToken)
    {
        var path = $"rest/api/3/issue/{Uri.EscapeDataString(issue)}/transitions";
        string? id = null;
        using (var request = new HttpRequestMessage(HttpMethod.Get, path))
        using (var response = await NotifierHttp.SendAsync(client, request, Service, showBody: true, cancellationToken).ConfigureAwait(false))
        {
            using var document = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
            if (document.RootElement.TryGetProperty("transitions", out var transitions) && transitions.ValueKind == JsonValueKind.Array)
            {
                foreach (var transition in transitions.EnumerateArray())
                {
                    var name = transition.TryGetProperty("name", out var n) ? n.GetString() : null;
                    var target = transition.TryGetProperty("to", out var to) && to.TryGetProperty("name", out var tn) ? tn.GetString() : null;
                    if (string.Equals(name, wanted, StringComparison.OrdinalIgnoreCase) || string.Equals(target, wanted, StringComparison.OrdinalIgnoreCase))
                    {
                        id = transition.TryGetProperty("id", out var i) ? i.GetString() : null;
                        break;
                    }
                }
            }
        }
        if (id is null)
        {
            logger.LogWarning("Jira issue {Issue} offers no transition '{Transition}' now (it may be in that status already, or the workflow names it differently); the issue was not moved.", issue, wanted);
            return;
        }
        var body = new JsonObject { ["transition"] = new JsonObject { ["id"] = id } };
        using (var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) })
        using (await NotifierHttp.SendAsync(client, request, Service, showBody: true, cancellationToken).ConfigureAwait(false))
        {
            logger.LogInformation("Moved Jira issue {Issue} through '{Transition}'.", issue, wanted);
        }
    }

    private static async Task<bool> HasCommentAsync(HttpClient client, string issue, string marker, int maxComments, CancellationToken cancellationToken)
    {
        const int PageSize = 100;
        for (var startAt = 0; startAt < maxComments; startAt += PageSize)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"rest/api/3/issue/{Uri.EscapeDataString(issue)}/comment?startAt={startAt}&maxResults={PageSize}");
            using var response = await NotifierHttp.SendAsync(client, request, Service, showBody: true, cancellationToken).ConfigureAwait(false);
            using var document = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
            if (!document.RootElement.TryGetProperty("comments", out var comments) || comments.ValueKind != JsonValueKind.Array)
            {
                throw new NotificationException("Jira answered the comment list without a 'comments' array; is BaseUrl a Jira Cloud site?");
            }
            var count = 0;
            foreach (var comment in comments.EnumerateArray())
            {
                count++;
                if (comment.TryGetProperty("body", out var body) && JiraDocument.Text(body).Contains(marker, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            var total = document.RootElement.TryGetProperty("total", out var t) && t.TryGetInt32(out var value) ? value : 0;
            if (count == 0 || startAt + count >= total)
            {
                return false;
            }
        }
        return false;
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new NotificationException("Jira answered with something that is not JSON; is BaseUrl a Jira Cloud site?", e);
        }
    }

    [GeneratedRegex(@"^[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]{0,17}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex IssueKey();
}
