using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SelfHeal.Tests.Support;

/// <summary>
/// GitLab's REST v4 API (the parts SelfHeal uses) in the wire format of docs.gitlab.com/api: merge requests (list by
/// source branch, create, get, merge), users by username. Authenticates with <c>PRIVATE-TOKEN</c>; the project is
/// reached by its URL-encoded path or its id. Merge requests need their source branch in the bare repository.
/// </summary>
public sealed partial class FakeGitLabServer(string project, long projectId, string token, string bareRepository) : FakeForgeServer
{
    private readonly object _gate = new();
    private readonly List<JsonObject> _mergeRequests = [];

    /// <summary>Known users: username → id.</summary>
    public Dictionary<string, long> Users { get; } = new() { ["alice"] = 11, ["bob"] = 12 };

    public Uri ApiUrl => new(BaseUrl, "api/v4/");

    public JsonObject MergeRequest(long iid) { lock (_gate) { return _mergeRequests.Single(m => (long)m["iid"]! == iid); } }

    /// <summary>Sets the merge request's head pipeline status (<c>success</c>, <c>running</c>, <c>failed</c>, ...), or removes it.</summary>
    public void SetPipeline(long iid, string? status)
    {
        lock (_gate)
        {
            var mr = _mergeRequests.Single(m => (long)m["iid"]! == iid);
            mr["head_pipeline"] = status is null ? null : new JsonObject
            {
                ["id"] = 900 + iid,
                ["iid"] = iid,
                ["project_id"] = projectId,
                ["sha"] = (string?)mr["sha"],
                ["ref"] = (string?)mr["source_branch"],
                ["status"] = status,
                ["source"] = "merge_request_event",
                ["web_url"] = $"https://gitlab.example/{project}/-/pipelines/{900 + iid}",
            };
        }
    }

    protected override FakeForgeResponse Route(FakeForgeRequest request)
    {
        if (request.Header("PRIVATE-TOKEN") != token)
        {
            return Message(401, "401 Unauthorized");
        }
        if (request.Method == "GET" && request.Path == "/api/v4/users")
        {
            var username = request.QueryValue("username");
            return FakeForgeResponse.Json(200, new JsonArray([.. Users.Where(u => u.Key == username).Select(u => (JsonNode)new JsonObject
            {
                ["id"] = u.Value,
                ["username"] = u.Key,
                ["name"] = u.Key.ToUpperInvariant(),
                ["state"] = "active",
                ["locked"] = false,
                ["avatar_url"] = null,
                ["web_url"] = $"https://gitlab.example/{u.Key}",
            })]));
        }
        var match = ProjectPattern().Match(request.Path);
        if (!match.Success)
        {
            return Message(404, "404 Not Found");
        }
        var id = Uri.UnescapeDataString(match.Groups["id"].Value);
        if (id != project && id != projectId.ToString(CultureInfo.InvariantCulture))
        {
            return Message(404, "404 Project Not Found");
        }
        var rest = match.Groups["rest"].Value;
        lock (_gate)
        {
            return (request.Method, rest) switch
            {
                ("GET", "/merge_requests") => List(request),
                ("POST", "/merge_requests") => Create(request),
                ("GET", var p) when OnePattern().Match(p) is { Success: true } m => Find(long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), mr => FakeForgeResponse.Json(200, mr.DeepClone())),
                ("PUT", var p) when MergePattern().Match(p) is { Success: true } m => Find(long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), mr => Merge(mr, request)),
                ("PUT", var p) when OnePattern().Match(p) is { Success: true } m => Find(long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), mr => Update(mr, request)),
                _ => Message(404, "404 Not Found"),
            };
        }
    }

    /// <summary>PUT on a merge request: a new title (without "Draft:", it is no longer a draft).</summary>
    private static FakeForgeResponse Update(JsonObject mr, FakeForgeRequest request)
    {
        if ((string?)request.Json?["title"] is { } title)
        {
            mr["title"] = title;
            mr["draft"] = title.StartsWith("Draft:", StringComparison.OrdinalIgnoreCase);
            mr["work_in_progress"] = mr["draft"]!.DeepClone();
        }
        return FakeForgeResponse.Json(200, mr.DeepClone());
    }

    private FakeForgeResponse List(FakeForgeRequest request)
    {
        var state = request.QueryValue("state");
        var source = request.QueryValue("source_branch");
        return FakeForgeResponse.Json(200, new JsonArray([.. _mergeRequests
            .Where(m => state is null or "all" || (string)m["state"]! == state)
            .Where(m => source is null || (string)m["source_branch"]! == source)
            .Select(m => m.DeepClone())]));
    }

    private FakeForgeResponse Create(FakeForgeRequest request)
    {
        var body = request.Json!;
        var source = (string?)body["source_branch"];
        var target = (string?)body["target_branch"];
        var title = (string?)body["title"];
        if (string.IsNullOrEmpty(source) || string.IsNullOrEmpty(target) || string.IsNullOrEmpty(title))
        {
            return Message(400, "source_branch, target_branch, title is missing");
        }
        if (_mergeRequests.FirstOrDefault(m => (string)m["state"]! == "opened" && (string)m["source_branch"]! == source) is { } open)
        {
            return FakeForgeResponse.Json(409, new JsonObject { ["message"] = new JsonArray($"Another open merge request already exists for this source branch: !{open["iid"]}") });
        }
        if (BranchCommit(bareRepository, source) is not { } sha)
        {
            return FakeForgeResponse.Json(422, new JsonObject { ["message"] = new JsonArray($"Source branch \"{source}\" does not exist") });
        }
        var reviewers = body["reviewer_ids"]?.AsArray().Select(n => (long)n!).ToList() ?? [];
        if (reviewers.Any(r => !Users.ContainsValue(r)))
        {
            return FakeForgeResponse.Json(422, new JsonObject { ["message"] = new JsonObject { ["reviewers"] = new JsonArray("is invalid") } });
        }
        var iid = (long)_mergeRequests.Count + 1;
        var labels = ((string?)body["labels"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var mr = new JsonObject
        {
            ["id"] = 5000 + iid,
            ["iid"] = iid,
            ["project_id"] = projectId,
            ["title"] = title,
            ["description"] = (string?)body["description"],
            ["state"] = "opened",
            ["created_at"] = "2026-11-23T12:00:00.000Z",
            ["updated_at"] = "2026-11-23T12:00:00.000Z",
            ["target_branch"] = target,
            ["source_branch"] = source,
            ["author"] = new JsonObject { ["id"] = 99, ["username"] = "selfheal-bot", ["name"] = "SelfHeal", ["state"] = "active" },
            ["reviewers"] = new JsonArray([.. reviewers.Select(r => (JsonNode)new JsonObject { ["id"] = r, ["username"] = Users.First(u => u.Value == r).Key })]),
            ["source_project_id"] = projectId,
            ["target_project_id"] = projectId,
            ["labels"] = new JsonArray([.. labels.Select(l => (JsonNode)l)]),
            ["draft"] = title.StartsWith("Draft:", StringComparison.OrdinalIgnoreCase),
            ["work_in_progress"] = title.StartsWith("Draft:", StringComparison.OrdinalIgnoreCase),
            ["merge_when_pipeline_succeeds"] = false,
            ["detailed_merge_status"] = "mergeable",
            ["sha"] = sha,
            ["merge_commit_sha"] = null,
            ["squash_commit_sha"] = null,
            ["squash"] = (bool?)body["squash"] ?? false,
            ["force_remove_source_branch"] = (bool?)body["remove_source_branch"] ?? false,
            ["web_url"] = $"https://gitlab.example/{project}/-/merge_requests/{iid}",
            ["head_pipeline"] = null,
        };
        _mergeRequests.Add(mr);
        return FakeForgeResponse.Json(201, mr.DeepClone());
    }

    private FakeForgeResponse Find(long iid, Func<JsonObject, FakeForgeResponse> then) =>
        _mergeRequests.FirstOrDefault(m => (long)m["iid"]! == iid) is { } mr ? then(mr) : Message(404, "404 Not found");

    private FakeForgeResponse Merge(JsonObject mr, FakeForgeRequest request)
    {
        if ((string)mr["state"]! != "opened" || (bool)mr["draft"]!)
        {
            return Message(405, "405 Method Not Allowed");
        }
        var sha = (string?)request.Json?["sha"];
        if (sha is not null && sha != (string?)mr["sha"])
        {
            return Message(409, $"SHA does not match HEAD of source branch: {mr["sha"]}");
        }
        var squash = (bool?)request.Json?["squash"] ?? false;
        mr["state"] = "merged";
        mr["merged_at"] = "2026-11-23T12:10:00.000Z";
        mr["merge_commit_sha"] = new string('d', 40);
        mr["squash_commit_sha"] = squash ? new string('e', 40) : null;
        mr["squash"] = squash;
        return FakeForgeResponse.Json(200, mr.DeepClone());
    }

    public static FakeForgeResponse Message(int status, string message) => FakeForgeResponse.Json(status, new JsonObject { ["message"] = message });

    [GeneratedRegex(@"^/api/v4/projects/(?<id>[^/]+)(?<rest>/.*)$")]
    private static partial Regex ProjectPattern();

    [GeneratedRegex(@"^/merge_requests/([0-9]+)$")]
    private static partial Regex OnePattern();

    [GeneratedRegex(@"^/merge_requests/([0-9]+)/merge$")]
    private static partial Regex MergePattern();
}
