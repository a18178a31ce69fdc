using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SelfHeal.Delivery.Notifications.Jira;

/// <summary>
/// A notification as an Atlassian Document Format document (the body of a Jira Cloud v3 comment). Text from the report
/// goes only into text nodes, which Jira shows as they are. Approval links are left out: everyone who can see the
/// issue would hold them.
/// </summary>
internal static class JiraDocument
{
    public static JsonObject Build(Notification notification, string marker)
    {
        var content = new JsonArray
        {
            Paragraph(Text(NotificationText.Headline(notification.Moment), "strong")),
            Paragraph(Text(string.IsNullOrWhiteSpace(notification.Summary) ? "(no summary)" : notification.Summary)),
        };
        if (notification.PullRequestUrl is { } pullRequest)
        {
            content.Add(Paragraph(Text("The fix: "), Link(pullRequest, pullRequest)));
        }
        content.Add(Paragraph(Text($"Run {notification.RunId}. "), Text(marker, "code")));
        return new JsonObject { ["type"] = "doc", ["version"] = 1, ["content"] = content };
    }

    /// <summary>All the text of an ADF node, for finding a marker in an existing comment.</summary>
    public static string Text(JsonElement node)
    {
        var text = new StringBuilder();
        Collect(node, text);
        return text.ToString();
    }

    private static void Collect(JsonElement node, StringBuilder text)
    {
        if (node.ValueKind == JsonValueKind.String)
        {
            // A v2-style plain body.
            text.Append(node.GetString());
            return;
        }
        if (node.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        if (node.TryGetProperty("text", out var value) && value.ValueKind == JsonValueKind.String)
        {
            text.Append(value.GetString());
        }
        if (node.TryGetProperty("content", out var children) && children.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in children.EnumerateArray())
            {
                Collect(child, text);
            }
            text.Append('\n');
        }
    }

    private static JsonObject Paragraph(params JsonNode[] nodes) => new() { ["type"] = "paragraph", ["content"] = new JsonArray(nodes) };

    private static JsonObject Text(string text, string? mark = null)
    {
        var node = new JsonObject { ["type"] = "text", ["text"] = text };
        if (mark is not null)
        {
            node["marks"] = new JsonArray(new JsonObject { ["type"] = mark });
        }
        return node;
    }

    private static JsonObject Link(string text, string href) => new()
    {
        ["type"] = "text",
        ["text"] = text,
        ["marks"] = new JsonArray(new JsonObject { ["type"] = "link", ["attrs"] = new JsonObject { ["href"] = href } }),
    };
}
