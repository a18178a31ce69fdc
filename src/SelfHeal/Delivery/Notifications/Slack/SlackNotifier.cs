using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SelfHeal.Delivery.Notifications.Slack;

/// <summary>
/// Replies in Slack: in the channel of the <c>/bug</c> command that reported the bug (its <c>response_url</c>, kept as
/// <see cref="Reports.BugReport.ReplyTo"/>), else through the configured incoming webhook. Neither URL is ever logged
/// or put in an error: both work as credentials. Slack accepts a <c>response_url</c> for 30 minutes and five replies;
/// when it is refused and a webhook is configured, the webhook carries the message.
/// </summary>
internal sealed class SlackNotifier(IHttpClientFactory clients, IOptions<SlackNotifierOptions> options, ILogger<SlackNotifier> logger) : INotifier
{
    public const string HttpClientName = "selfheal.notify.slack";

    public string Name => "slack";

    public bool AppliesTo(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var settings = options.Value;
        return settings.SpeaksAt(notification.Moment) && (ResponseUrl(notification, settings) is not null || settings.WebhookUrl is not null);
    }

    public async Task SendAsync(Notification notification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var settings = options.Value;
        var client = clients.CreateClient(HttpClientName);
        if (ResponseUrl(notification, settings) is { } responseUrl)
        {
            try
            {
                await PostAsync(client, responseUrl, SlackMessage.Build(notification, inChannel: true), "Slack (the /bug command's response_url)", cancellationToken).ConfigureAwait(false);
                logger.LogInformation("Replied in Slack to the /bug command of run {RunId} ({Moment}).", notification.RunId, notification.Moment);
                return;
            }
            catch (NotificationException e) when (settings.WebhookUrl is not null)
            {
                logger.LogWarning("Slack refused the /bug command's response_url for run {RunId} ({Reason}); posting through the webhook instead.", notification.RunId, e.Message);
            }
        }
        if (settings.WebhookUrl is null)
        {
            throw new ArgumentException("The notification is not for Slack (no usable response_url, no webhook configured).", nameof(notification));
        }
        await PostAsync(client, settings.WebhookUrl, SlackMessage.Build(notification, inChannel: false), "Slack (the incoming webhook)", cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Posted to the Slack webhook for run {RunId} ({Moment}).", notification.RunId, notification.Moment);
    }

    private static async Task PostAsync(HttpClient client, string url, JsonObject message, string service, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(message) };
        // Slack's errors are short codes (invalid_payload, channel_not_found, expired_url): safe and useful to quote.
        using var response = await NotifierHttp.SendAsync(client, request, service, showBody: true, cancellationToken).ConfigureAwait(false);
    }

    private static string? ResponseUrl(Notification notification, SlackNotifierOptions settings) =>
        string.Equals(notification.Report.Source, "slack", StringComparison.OrdinalIgnoreCase)
        && notification.Report.ReplyTo is { } replyTo
        && Uri.TryCreate(replyTo, UriKind.Absolute, out var uri)
        && string.IsNullOrEmpty(uri.UserInfo)
        && settings.EffectiveResponseUrlPrefixes.Any(p => replyTo.StartsWith(p, StringComparison.OrdinalIgnoreCase))
            ? replyTo
            : null;
}
