using System.Text;
using System.Text.Json.Nodes;

namespace SelfHeal.Delivery.Notifications.Slack;

/// <summary>A notification as a Slack message: a fallback <c>text</c> and Block Kit <c>blocks</c>, with approve/reject buttons.</summary>
internal static class SlackMessage
{
    public static JsonObject Build(Notification notification, bool inChannel)
    {
        var headline = NotificationText.Headline(notification.Moment);
        var title = Escape(NotificationText.Title(notification.Report.Title));
        var body = new StringBuilder($"*{Escape(headline)}*\n*Bug:* {title}");
        if (notification.Report.ExternalId is { Length: > 0 } externalId)
        {
            body.Append($" ({Escape(externalId)})");
        }
        body.Append('\n').Append(Escape(notification.Summary));
        if (notification.PullRequestUrl is { } pullRequest)
        {
            body.Append($"\n<{pullRequest}|The fix>");
        }
        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Clip(body.ToString(), 3000) } },
        };
        var buttons = new JsonArray();
        if (notification.ApproveUrl is { } approve)
        {
            buttons.Add(Button("Approve", approve, "primary"));
        }
        if (notification.RejectUrl is { } reject)
        {
            buttons.Add(Button("Reject", reject, "danger"));
        }
        if (buttons.Count > 0)
        {
            blocks.Add(new JsonObject { ["type"] = "actions", ["elements"] = buttons });
        }
        blocks.Add(new JsonObject
        {
            ["type"] = "context",
            ["elements"] = new JsonArray(new JsonObject { ["type"] = "mrkdwn", ["text"] = $"SelfHeal run `{Escape(notification.RunId)}`" }),
        });
        var message = new JsonObject { ["text"] = $"{headline} {NotificationText.Title(notification.Report.Title)}", ["blocks"] = blocks };
        if (inChannel)
        {
            message["response_type"] = "in_channel";
            message["replace_original"] = false;
        }
        return message;
    }

    /// <summary>Slack's escaping for text in mrkdwn: report text cannot make links or mentions.</summary>
    public static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static JsonObject Button(string text, string url, string style) => new()
    {
        ["type"] = "button",
        ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = text },
        ["url"] = url,
        ["style"] = style,
    };

    private static string Clip(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
