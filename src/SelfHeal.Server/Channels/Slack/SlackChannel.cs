using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using SelfHeal.Bugs;
using SelfHeal.Reports;

namespace SelfHeal.Server.Channels.Slack;

/// <summary>
/// The Slack slash command <c>/bug &lt;title&gt;</c> (more lines: the description). Verified with <c>X-Slack-Signature</c>
/// v0 (HMAC-SHA256 of <c>v0:{timestamp}:{body}</c>) and a timestamp within <see cref="SlackChannelOptions.MaxClockSkew"/>;
/// de-duplicated on <c>trigger_id</c>; answered at once with an ephemeral message. The command's <c>response_url</c> is
/// kept as <see cref="BugReport.ReplyTo"/> for the Slack notifier's later replies.
/// </summary>
internal sealed class SlackChannel(IOptionsMonitor<SlackChannelOptions> options, TimeProvider timeProvider) : IChannel
{
    public string Name => "slack";

    public Task<ChannelResult> ReceiveAsync(ChannelRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(Receive(request, options.CurrentValue));

    private ChannelResult Receive(ChannelRequest request, SlackChannelOptions settings)
    {
        if (string.IsNullOrEmpty(settings.SigningSecret))
        {
            return ChannelResult.NotConfigured("The Slack channel is off: set Channels:Slack:SigningSecret (environment: Channels__Slack__SigningSecret) to the app's signing secret.");
        }
        var timestampText = request.Headers["X-Slack-Request-Timestamp"].ToString();
        var signature = request.Headers["X-Slack-Signature"].ToString();
        if (!long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp) || signature.Length == 0)
        {
            return ChannelResult.Unauthorized("Missing X-Slack-Request-Timestamp or X-Slack-Signature; Slack signs every request with both.");
        }
        var skew = Math.Abs(timeProvider.GetUtcNow().ToUnixTimeSeconds() - timestamp);
        if (skew > settings.MaxClockSkew.TotalSeconds)
        {
            return ChannelResult.Unauthorized($"The request's timestamp is {skew} s from this server's clock (at most {settings.MaxClockSkew.TotalSeconds:0} s): a replay, or a clock out of sync (check NTP).");
        }
        var prefix = Encoding.ASCII.GetBytes($"v0:{timestampText}:");
        var baseString = new byte[prefix.Length + request.Body.Length];
        prefix.CopyTo(baseString, 0);
        request.Body.CopyTo(baseString, prefix.Length);
        if (!signature.StartsWith("v0=", StringComparison.Ordinal)
            || !Signatures.HexEquals(signature["v0=".Length..], Signatures.HmacSha256(settings.SigningSecret, baseString)))
        {
            return ChannelResult.Unauthorized("X-Slack-Signature does not match. Check that the signing secret configured here is the app's.");
        }

        Dictionary<string, StringValues> form;
        try
        {
            form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(request.Body));
        }
        catch (ArgumentException)
        {
            return ChannelResult.Malformed("The body is not a form (application/x-www-form-urlencoded).");
        }
        string? Field(string name) => form.TryGetValue(name, out var value) ? value.ToString() : null;
        if (Field("ssl_check") == "1")
        {
            return ChannelResult.Ignored("ssl_check");
        }
        var command = Field("command") ?? "/bug";
        var text = Field("text")?.Trim() ?? "";
        if (text.Length == 0)
        {
            return ChannelResult.Ignored("empty command", Message($"Usage: {command} <what is wrong> — the first line is the title; more lines, a stack trace or a log become the description."));
        }
        var deliveryId = Field("trigger_id") is { Length: > 0 and <= 128 } trigger ? trigger : Signatures.DigestId(timestampText, signature);
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        var report = new BugReport(ChannelText.Title(text, "(empty)"))
        {
            Description = newline < 0 ? null : ChannelText.Clip(text[(newline + 1)..], BugReportValidator.MaxDescriptionLength),
            Reporter = Field("user_name") is { Length: > 0 } user ? user : Field("user_id"),
            Environment = new Dictionary<string, string>
            {
                ["slack.team"] = Field("team_domain") ?? Field("team_id") ?? "",
                ["slack.channel"] = Field("channel_name") ?? Field("channel_id") ?? "",
            }.Where(e => e.Value.Length > 0).ToDictionary(),
            OccurredAt = DateTimeOffset.FromUnixTimeSeconds(timestamp),
            // Where the Slack notifier answers later; stored with the report, never shown or logged.
            ReplyTo = Field("response_url") is { Length: > 0 and <= 2048 } responseUrl ? responseUrl : null,
        };
        return ChannelResult.Accepted([new ChannelReport(report, deliveryId)], results => Message(Acknowledgement(results)));
    }

    private static string Acknowledgement(IReadOnlyList<BugIntakeResult> results) => results.FirstOrDefault() switch
    {
        { Outcome: BugIntakeOutcome.Created } r => $"Thanks! Recorded as {r.BugId}.",
        { Outcome: BugIntakeOutcome.Occurrence } r => $"Thanks! This looks like {r.BugId}, now reported {r.OccurrenceCount} times.",
        { } r => $"Already recorded as {r.BugId}.",
        null => "Nothing was recorded.",
    };

    private static object Message(string text) => new SlackMessage("ephemeral", text);
}

/// <summary>The immediate answer Slack shows the user.</summary>
internal sealed record SlackMessage(
    [property: System.Text.Json.Serialization.JsonPropertyName("response_type")] string ResponseType,
    [property: System.Text.Json.Serialization.JsonPropertyName("text")] string Text);
