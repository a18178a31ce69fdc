using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace SelfHeal.Server.Tests;

/// <summary>Builds webhook deliveries as each sender signs them, from the payloads in TestData/.</summary>
public static class Deliveries
{
    public static byte[] Payload(string relativePath) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", relativePath));

    public static string Hex(byte[] key, byte[] data) => Convert.ToHexStringLower(HMACSHA256.HashData(key, data));

    public static string Hex(string secret, byte[] data) => Hex(Encoding.UTF8.GetBytes(secret), data);

    /// <summary>A GitHub delivery: X-GitHub-Event, X-GitHub-Delivery and X-Hub-Signature-256 over exactly <paramref name="body"/>.</summary>
    public static HttpRequestMessage GitHub(string eventName, byte[] body, string deliveryId, string secret = ServerFactory.GitHubSecret)
    {
        var request = Json("/channels/github", body);
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", deliveryId);
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Hex(secret, body));
        request.Headers.UserAgent.ParseAdd("GitHub-Hookshot/abc1234");
        return request;
    }

    /// <summary>A Slack slash command signed with v0 at <paramref name="timestamp"/>.</summary>
    public static HttpRequestMessage Slack(byte[] body, DateTimeOffset timestamp, string secret = ServerFactory.SlackSecret)
    {
        var seconds = timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "/channels/slack") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.Add("X-Slack-Request-Timestamp", seconds);
        request.Headers.Add("X-Slack-Signature", "v0=" + Hex(secret, [.. Encoding.ASCII.GetBytes($"v0:{seconds}:"), .. body]));
        return request;
    }

    public static HttpRequestMessage Jira(byte[] body, string? identifier, string? secret = ServerFactory.JiraSecret)
    {
        var request = Json("/channels/jira", body);
        if (identifier is not null)
        {
            request.Headers.Add("X-Atlassian-Webhook-Identifier", identifier);
        }
        if (secret is not null)
        {
            request.Headers.Add("X-Hub-Signature", "sha256=" + Hex(secret, body));
        }
        return request;
    }

    public static HttpRequestMessage Sentry(byte[] body, string secret = ServerFactory.SentrySecret, string resource = "event_alert")
    {
        var request = Json("/channels/sentry", body);
        request.Headers.Add("Sentry-Hook-Resource", resource);
        request.Headers.Add("Sentry-Hook-Timestamp", "1763654176");
        request.Headers.Add("Request-ID", Guid.NewGuid().ToString());
        request.Headers.Add("Sentry-Hook-Signature", Hex(secret, body));
        return request;
    }

    public static HttpRequestMessage Alertmanager(byte[] body, AuthenticationHeaderValue? authorization)
    {
        var request = Json("/channels/alertmanager", body);
        request.Headers.Authorization = authorization;
        request.Headers.UserAgent.ParseAdd("Alertmanager/0.28.1");
        return request;
    }

    public static HttpRequestMessage Json(string path, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return request;
    }

    /// <summary>The payload with one JSON string value replaced (signature computed afterwards, so still authentic).</summary>
    public static byte[] With(byte[] payload, string from, string to) =>
        Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(payload).Replace(from, to, StringComparison.Ordinal));
}
