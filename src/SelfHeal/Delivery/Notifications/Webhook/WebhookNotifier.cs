using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SelfHeal.Delivery.Notifications.Webhook;

/// <summary>
/// POSTs a small JSON document about the moment to every configured endpoint, signed: <c>X-SelfHeal-Signature:
/// sha256=HEX</c> is the HMAC-SHA256, keyed with the endpoint's secret, of <c>{X-SelfHeal-Timestamp}.{body}</c>;
/// <c>X-SelfHeal-Delivery</c> is the idempotency key, the same on every resend, for receivers to drop repeats. Each
/// endpoint is tried; when any fails, the send fails naming it by position, never by URL.
/// </summary>
internal sealed class WebhookNotifier(IHttpClientFactory clients, IOptions<WebhookNotifierOptions> options, TimeProvider timeProvider, ILogger<WebhookNotifier> logger) : INotifier
{
    public const string HttpClientName = "selfheal.notify.webhook";
    public const string SignatureHeader = "X-SelfHeal-Signature";
    public const string DeliveryHeader = "X-SelfHeal-Delivery";
    public const string TimestampHeader = "X-SelfHeal-Timestamp";

    public string Name => "webhook";

    public bool AppliesTo(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return options.Value.Endpoints.Count > 0 && options.Value.SpeaksAt(notification.Moment);
    }

    public async Task SendAsync(Notification notification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var key = notification.IdempotencyKey(Name);
        var body = JsonSerializer.SerializeToUtf8Bytes(Payload(notification, key));
        var client = clients.CreateClient(HttpClientName);
        var failures = new List<string>();
        var endpoints = options.Value.Endpoints;
        for (var i = 0; i < endpoints.Count; i++)
        {
            var timestamp = timeProvider.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoints[i].Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.Add(DeliveryHeader, key);
            request.Headers.Add(TimestampHeader, timestamp);
            request.Headers.Add(SignatureHeader, Sign(endpoints[i].Secret!, timestamp, body));
            try
            {
                using var response = await NotifierHttp.SendAsync(client, request, $"Webhook endpoint {i}", showBody: false, cancellationToken).ConfigureAwait(false);
                logger.LogInformation("Delivered {Moment} of run {RunId} to webhook endpoint {Endpoint}.", notification.Moment, notification.RunId, i);
            }
            catch (NotificationException e)
            {
                failures.Add(e.Message);
            }
        }
        if (failures.Count > 0)
        {
            throw new NotificationException(string.Join(" ", failures));
        }
    }

    /// <summary>The signature header's value: <c>sha256=</c> and the lowercase hex HMAC-SHA256 of <c>{timestamp}.{body}</c>.</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    private static JsonObject Payload(Notification notification, string key) => new()
    {
        ["id"] = key,
        ["moment"] = JsonNamingPolicy.CamelCase.ConvertName(notification.Moment.ToString()),
        ["runId"] = notification.RunId,
        ["bug"] = new JsonObject
        {
            ["title"] = notification.Report.Title,
            ["source"] = notification.Report.Source,
            ["externalId"] = notification.Report.ExternalId,
        },
        ["summary"] = notification.Summary,
        ["pullRequestUrl"] = notification.PullRequestUrl,
    };
}
