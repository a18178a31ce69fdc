using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Delivery.Notifications;

/// <summary>
/// A Jira Cloud site on loopback speaking the REST v3 shapes the Jira notifier uses: comment list and create, transition
/// list and do, basic auth, the 401/404 bodies Jira sends. Issues start in "To Do"; the workflow offers "Start review"
/// (→ In Review) and "Done" (→ Done).
/// </summary>
internal sealed partial class FakeJira : IAsyncDisposable
{
    public const string Email = "selfheal-bot@example.com";
    public const string Token = "ATATT3xFfGF0-secret-token";

    private static readonly (string Id, string Name, string To)[] Workflow = [("11", "To Do", "To Do"), ("21", "Start review", "In Review"), ("31", "Done", "Done")];
    private readonly ConcurrentDictionary<string, Issue> _issues = new();
    private int _nextComment = 10000;

    public FakeJira(params string[] issues)
    {
        foreach (var key in issues)
        {
            _issues[key] = new Issue();
        }
        Server = RecordingHttpServer.Start(Handle);
    }

    public RecordingHttpServer Server { get; }

    public string BaseUrl => Server.BaseUrl.ToString().TrimEnd('/');

    public IReadOnlyList<JsonNode> Comments(string issue) => [.. _issues[issue].Comments];

    public string Status(string issue) => _issues[issue].Status;

    /// <summary>Adds <paramref name="count"/> comments by people to <paramref name="issue"/>.</summary>
    public void AddHumanComments(string issue, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var body = JsonNode.Parse($$"""{"type":"doc","version":1,"content":[{"type":"paragraph","content":[{"type":"text","text":"Still happening on build {{i}}."}]}]}""")!;
            AddComment(_issues[issue], new JsonObject { ["body"] = body });
        }
    }

    private ScriptedResponse? Handle(RecordedRequest request)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Email}:{Token}"));
        if (request.Header("Authorization") != expected)
        {
            return new ScriptedResponse(401, "Client must be authenticated to access this resource.", "text/plain");
        }
        var match = IssuePath().Match(request.Path);
        if (!match.Success)
        {
            return ScriptedResponse.Json(404, """{"errorMessages":["No such endpoint."],"errors":{}}""");
        }
        if (!_issues.TryGetValue(match.Groups["key"].Value, out var issue))
        {
            return ScriptedResponse.Json(404, """{"errorMessages":["Issue does not exist or you do not have permission to see it."],"errors":{}}""");
        }
        return (request.Method, match.Groups["what"].Value) switch
        {
            ("GET", "comment") => ListComments(issue, request.Query),
            ("POST", "comment") => AddComment(issue, request.Json),
            ("GET", "transitions") => ListTransitions(issue),
            ("POST", "transitions") => DoTransition(issue, request.Json),
            _ => ScriptedResponse.Json(405, """{"errorMessages":["Method not allowed."],"errors":{}}"""),
        };
    }

    private static ScriptedResponse ListComments(Issue issue, string query)
    {
        var parameters = query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
        var startAt = int.Parse(parameters.GetValueOrDefault("startAt", "0"), CultureInfo.InvariantCulture);
        var maxResults = int.Parse(parameters.GetValueOrDefault("maxResults", "50"), CultureInfo.InvariantCulture);
        var page = new JsonArray([.. issue.Comments.Skip(startAt).Take(maxResults).Select(c => c.DeepClone())]);
        return ScriptedResponse.Json(200, new JsonObject { ["startAt"] = startAt, ["maxResults"] = maxResults, ["total"] = issue.Comments.Count, ["comments"] = page }.ToJsonString());
    }

    private ScriptedResponse AddComment(Issue issue, JsonNode body)
    {
        if (body["body"]?["type"]?.GetValue<string>() != "doc")
        {
            return ScriptedResponse.Json(400, """{"errorMessages":[],"errors":{"comment":"Comment body is not valid!"}}""");
        }
        var comment = new JsonObject
        {
            ["self"] = "https://example.atlassian.net/rest/api/3/issue/10010/comment/" + _nextComment,
            ["id"] = Interlocked.Increment(ref _nextComment).ToString(CultureInfo.InvariantCulture),
            ["author"] = new JsonObject { ["accountId"] = "5b10a2844c20165700ede21g", ["displayName"] = "SelfHeal", ["active"] = true },
            ["body"] = body["body"]!.DeepClone(),
            ["created"] = "2026-11-23T12:34:00.000+0000",
            ["updated"] = "2026-11-23T12:34:00.000+0000",
            ["jsdPublic"] = true,
        };
        issue.Comments.Add(comment);
        return ScriptedResponse.Json(201, comment.ToJsonString());
    }

    private static ScriptedResponse ListTransitions(Issue issue)
    {
        var transitions = new JsonArray([.. Workflow.Where(t => t.To != issue.Status).Select(t => (JsonNode)new JsonObject
        {
            ["id"] = t.Id,
            ["name"] = t.Name,
            ["to"] = new JsonObject { ["self"] = "https://example.atlassian.net/rest/api/3/status/" + t.Id, ["name"] = t.To, ["id"] = "100" + t.Id },
            ["hasScreen"] = false,
            ["isGlobal"] = true,
            ["isInitial"] = false,
            ["isAvailable"] = true,
            ["isConditional"] = false,
            ["isLooped"] = false,
        })]);
        return ScriptedResponse.Json(200, new JsonObject { ["expand"] = "transitions", ["transitions"] = transitions }.ToJsonString());
    }

    private static ScriptedResponse DoTransition(Issue issue, JsonNode body)
    {
        var id = body["transition"]?["id"]?.GetValue<string>();
        var transition = Workflow.FirstOrDefault(t => t.Id == id && t.To != issue.Status);
        if (transition.Id is null)
        {
            return ScriptedResponse.Json(400, """{"errorMessages":["Transition id is not valid for this issue."],"errors":{}}""");
        }
        issue.Status = transition.To;
        return new ScriptedResponse(204);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    [GeneratedRegex("^/rest/api/3/issue/(?<key>[^/]+)/(?<what>comment|transitions)$")]
    private static partial Regex IssuePath();

    private sealed class Issue
    {
        public List<JsonNode> Comments { get; } = [];

        public string Status { get; set; } = "To Do";
    }
}
