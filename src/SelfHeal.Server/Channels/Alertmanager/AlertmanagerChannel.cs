using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SelfHeal.Reports;

namespace SelfHeal.Server.Channels.Alertmanager;

/// <summary>
/// Alertmanager webhooks (payload version 4). Authenticated by bearer token or basic auth, compared in constant time;
/// each firing alert becomes a report, de-duplicated on group key + alert fingerprint + startsAt, so Alertmanager's
/// repeated notifications of one alert are stored once. Resolved alerts are not reports.
/// </summary>
internal sealed class AlertmanagerChannel(IOptionsMonitor<AlertmanagerChannelOptions> options) : IChannel
{
    private const int MaxAlerts = 1000;

    public string Name => "alertmanager";

    public Task<ChannelResult> ReceiveAsync(ChannelRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(Receive(request, options.CurrentValue));

    private static ChannelResult Receive(ChannelRequest request, AlertmanagerChannelOptions settings)
    {
        var accepted = new List<string>();
        if (!string.IsNullOrEmpty(settings.BearerToken))
        {
            accepted.Add($"Bearer {settings.BearerToken}");
        }
        if (!string.IsNullOrEmpty(settings.Username) && !string.IsNullOrEmpty(settings.Password))
        {
            accepted.Add($"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.Username}:{settings.Password}"))}");
        }
        if (accepted.Count == 0)
        {
            return ChannelResult.NotConfigured("The Alertmanager channel is off: set Channels:Alertmanager:BearerToken (or Username and Password) and the same credentials in the receiver's http_config.");
        }
        var authorization = request.Headers.Authorization.ToString();
        // Every configured credential is compared, so the time taken does not say which one was close.
        var matches = accepted.Aggregate(false, (any, expected) => Signatures.TextEquals(authorization, expected) | any);
        if (!matches)
        {
            return ChannelResult.Unauthorized(authorization.Length == 0
                ? "Missing Authorization. Give the Alertmanager receiver's http_config the bearer token or basic auth configured here."
                : "The Authorization credentials are wrong.");
        }
        using var document = ChannelJson.TryParse(request.Body, out var error);
        if (document is null)
        {
            return ChannelResult.Malformed(error!);
        }
        JsonElement? root = document.RootElement;
        if (root.Str("version") != "4")
        {
            return ChannelResult.Malformed($"Webhook payload version '{root.Str("version") ?? "(none)"}' is not supported; Alertmanager sends version 4.");
        }
        var groupKey = root.Str("groupKey");
        if (groupKey is null || root.Get("alerts") is not { ValueKind: JsonValueKind.Array })
        {
            return ChannelResult.Malformed("The payload has no 'groupKey' or 'alerts'.");
        }
        var reports = new List<ChannelReport>();
        foreach (var alert in root.Array("alerts").Take(MaxAlerts).Select(a => (JsonElement?)a))
        {
            if (alert.Str("status") != "firing")
            {
                continue;
            }
            var fingerprint = alert.Str("fingerprint");
            var startsAt = alert.Str("startsAt");
            if (fingerprint is null || startsAt is null)
            {
                return ChannelResult.Malformed("Every alert carries 'fingerprint' and 'startsAt'; one does not.");
            }
            reports.Add(new ChannelReport(ReportOf(alert, root.Str("externalURL")), Signatures.DigestId(groupKey, fingerprint, startsAt)));
        }
        return reports.Count == 0 ? ChannelResult.Ignored("No firing alerts.") : ChannelResult.Accepted(reports);
    }

    private static BugReport ReportOf(JsonElement? alert, string? externalUrl)
    {
        var labels = Pairs(alert.Get("labels"));
        var annotations = Pairs(alert.Get("annotations"));
        var name = labels.GetValueOrDefault("alertname") ?? "alert";
        var where = labels.GetValueOrDefault("instance") ?? labels.GetValueOrDefault("service") ?? labels.GetValueOrDefault("job");
        var title = annotations.GetValueOrDefault("summary") ?? (where is null ? name : $"{name} on {where}");
        return new BugReport(ChannelText.Title(title, name))
        {
            Description = ChannelText.Clip(annotations.GetValueOrDefault("description") ?? annotations.GetValueOrDefault("message"), BugReportValidator.MaxDescriptionLength),
            Labels = [.. labels.Select(l => $"{l.Key}={l.Value}").Where(l => l.Length <= BugReportValidator.MaxShortFieldLength).Take(BugReportValidator.MaxLabels)],
            Environment = labels.Where(l => l.Key.Length <= 128 && l.Value.Length <= 4096).Take(BugReportValidator.MaxEnvironmentEntries).ToDictionary(),
            Links = [.. ChannelText.Link("alert source", alert.Str("generatorURL")), .. ChannelText.Link("alertmanager", externalUrl),
                .. ChannelText.Link("runbook", annotations.GetValueOrDefault("runbook_url"))],
            ExternalId = $"alertmanager:{alert.Str("fingerprint")}",
            OccurredAt = alert.Time("startsAt"),
        };
    }

    private static Dictionary<string, string> Pairs(JsonElement? element) =>
        element is { ValueKind: JsonValueKind.Object } obj
            ? obj.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal)
            : [];
}
