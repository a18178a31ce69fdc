using System.Text.Json;
using Microsoft.Extensions.Options;
using SelfHeal.Reports;

namespace SelfHeal.Server.Channels.Sentry;

/// <summary>
/// Sentry issue-alert webhooks (<c>Sentry-Hook-Resource: event_alert</c>), verified with <c>Sentry-Hook-Signature</c>
/// (HMAC-SHA256 of the body with the client secret), de-duplicated on the event id. The event's exception frames
/// become the report's stack trace; its level, the severity.
/// </summary>
internal sealed class SentryChannel(IOptionsMonitor<SentryChannelOptions> options) : IChannel
{
    private const int MaxTags = 32;

    public string Name => "sentry";

    public Task<ChannelResult> ReceiveAsync(ChannelRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(Receive(request, options.CurrentValue));

    private static ChannelResult Receive(ChannelRequest request, SentryChannelOptions settings)
    {
        if (string.IsNullOrEmpty(settings.ClientSecret))
        {
            return ChannelResult.NotConfigured("The Sentry channel is off: set Channels:Sentry:ClientSecret (environment: Channels__Sentry__ClientSecret) to the integration's client secret.");
        }
        var signature = request.Headers["Sentry-Hook-Signature"].ToString();
        if (!Signatures.HexEquals(signature, Signatures.HmacSha256(settings.ClientSecret, request.Body)))
        {
            return ChannelResult.Unauthorized(signature.Length == 0
                ? "Missing Sentry-Hook-Signature. Sentry signs every webhook of an integration with its client secret."
                : "Sentry-Hook-Signature does not match the body. Check that the client secret configured here is the integration's.");
        }
        var resource = request.Headers["Sentry-Hook-Resource"].ToString();
        if (resource is not ("event_alert" or ""))
        {
            return ChannelResult.Ignored($"Resource '{(resource.Length <= 40 ? resource : resource[..40])}' is not handled (only event_alert, issue alerts).");
        }
        using var document = ChannelJson.TryParse(request.Body, out var error);
        if (document is null)
        {
            return ChannelResult.Malformed(error!);
        }
        JsonElement? root = document.RootElement;
        var sentryEvent = root.Get("data").Get("event");
        var eventId = sentryEvent.Str("event_id");
        if (sentryEvent is null || eventId is not { Length: > 0 and <= 128 })
        {
            return ChannelResult.Malformed("The payload has no 'data.event' with an 'event_id'; is this an issue-alert webhook?");
        }
        var platform = sentryEvent.Str("platform");
        var exception = sentryEvent.Get("exception").Array("values").Select(v => (JsonElement?)v).LastOrDefault(v => v.Get("stacktrace") is not null);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in sentryEvent.Array("tags").Take(MaxTags))
        {
            if (tag.ValueKind == JsonValueKind.Array && tag.GetArrayLength() == 2 && tag[0].ValueKind == JsonValueKind.String && tag[1].ValueKind == JsonValueKind.String
                && tag[0].GetString() is { Length: > 0 and <= 128 } key && tag[1].GetString() is { Length: <= 4096 } value)
            {
                environment[key] = value;
            }
        }
        foreach (var (key, value) in new[] { ("platform", platform), ("release", sentryEvent.Str("release")), ("environment", sentryEvent.Str("environment")) })
        {
            if (value is { Length: > 0 and <= 4096 })
            {
                environment[key] = value;
            }
        }
        var rule = root.Get("data").Str("triggered_rule");
        var report = new BugReport(ChannelText.Title(sentryEvent.Str("title") ?? exception.Str("type"), "(untitled Sentry event)"))
        {
            Description = ChannelText.Clip(string.Join('\n', new[] { sentryEvent.Str("message"), sentryEvent.Str("culprit") is { } culprit ? $"Culprit: {culprit}" : null, rule is null ? null : $"Alert rule: {rule}" }
                .Where(s => !string.IsNullOrWhiteSpace(s))), BugReportValidator.MaxDescriptionLength),
            StackTrace = ChannelText.Clip(SentryTraceText.Write(exception, platform), BugReportValidator.MaxStackTraceLength),
            Severity = sentryEvent.Str("level") switch
            {
                "fatal" => BugSeverity.Critical,
                "error" => BugSeverity.High,
                "warning" => BugSeverity.Medium,
                "info" or "debug" => BugSeverity.Low,
                _ => BugSeverity.Unknown,
            },
            Environment = environment,
            Links = [.. ChannelText.Link("sentry event", sentryEvent.Str("web_url")), .. ChannelText.Link("sentry issue", sentryEvent.Str("issue_url"))],
            ExternalId = sentryEvent.Str("issue_id") is { } issueId ? $"sentry:{issueId}" : null,
            OccurredAt = sentryEvent.Time("datetime"),
        };
        return ChannelResult.Accepted([new ChannelReport(report, eventId)]);
    }
}
