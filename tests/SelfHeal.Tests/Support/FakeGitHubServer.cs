using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SelfHeal.Tests.Support;

/// <summary>
/// GitHub's REST API (the parts SelfHeal uses) in the wire format of docs.github.com/rest: pull requests, labels,
/// review requests, combined statuses, check runs, merging, issue comments, and GitHub App installation tokens.
/// Authenticates like GitHub: <c>Authorization: token|Bearer T</c> with a personal access token or an unexpired
/// installation token; <c>/app/...</c> needs an RS256 JWT signed by the App's key (verified with its public key).
/// </summary>
public sealed partial class FakeGitHubServer : FakeForgeServer
{
    private readonly object _gate = new();
    private readonly List<JsonObject> _pulls = [];
    private readonly Dictionary<int, List<string>> _labels = [];
    private readonly Dictionary<int, List<string>> _reviewers = [];
    private readonly Dictionary<int, List<JsonObject>> _comments = [];
    private readonly Dictionary<string, List<(string Context, string State)>> _statuses = [];
    private readonly Dictionary<string, List<(string Name, string Status, string? Conclusion)>> _checkRuns = [];
    private readonly Dictionary<string, DateTimeOffset> _installationTokens = [];
    private int _nextId = 1;

    public FakeGitHubServer(string repository, TimeProvider time)
    {
        Repository = repository;
        Time = time;
    }

    public string Repository { get; }

    public TimeProvider Time { get; }

    /// <summary>The personal access token GitHub accepts.</summary>
    public string? Token { get; init; }

    /// <summary>The GitHub App: its id, installation, and the public key JWTs are verified with.</summary>
    public (long AppId, long InstallationId, RSA PublicKey)? App { get; init; }

    /// <summary>How long an installation token lives. GitHub: one hour.</summary>
    public TimeSpan InstallationTokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Issue numbers that exist (for comments).</summary>
    public HashSet<int> Issues { get; } = [];

    public IReadOnlyList<string> IssuedTokens { get { lock (_gate) { return [.. _installationTokens.Keys]; } } }

    public IReadOnlyList<string> Labels(int number) { lock (_gate) { return [.. _labels.GetValueOrDefault(number, [])]; } }

    public IReadOnlyList<string> Reviewers(int number) { lock (_gate) { return [.. _reviewers.GetValueOrDefault(number, [])]; } }

    public IReadOnlyList<string> Comments(int number) { lock (_gate) { return [.. _comments.GetValueOrDefault(number, []).Select(c => (string)c["body"]!)]; } }

    public JsonObject Pull(int number) { lock (_gate) { return _pulls.Single(p => (int)p["number"]! == number); } }

    public void AddStatus(string sha, string context, string state) { lock (_gate) { Add(_statuses, sha, (context, state)); } }

    public void AddCheckRun(string sha, string name, string status, string? conclusion) { lock (_gate) { Add(_checkRuns, sha, (name, status, conclusion)); } }

    private static void Add<T>(Dictionary<string, List<T>> map, string key, T value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }
        list.Add(value);
    }

    protected override FakeForgeResponse Route(FakeForgeRequest request)
    {
        var path = request.Path.StartsWith("/api/v3/", StringComparison.Ordinal) ? request.Path[7..] : request.Path;
        if (path.StartsWith("/app/", StringComparison.Ordinal))
        {
            return AppRoute(request, path);
        }
        if (path.Contains(".git/", StringComparison.Ordinal))
        {
            // git's smart HTTP: this fake has no git side (tests push to a bare repository); say so like GitHub does.
            return new FakeForgeResponse(404, "Repository not found.");
        }
        if (!Authenticated(request))
        {
            return Error(401, "Bad credentials", "https://docs.github.com/rest");
        }
        if (request.Method == "POST" && (path == "/graphql" || request.Path == "/api/graphql"))
        {
            return GraphQl(request);
        }
        var match = RepoPattern().Match(path);
        if (!match.Success || match.Groups["repo"].Value != Repository)
        {
            return Error(404, "Not Found", "https://docs.github.com/rest");
        }
        var rest = match.Groups["rest"].Value;
        lock (_gate)
        {
            return (request.Method, rest) switch
            {
                ("GET", "/pulls") => ListPulls(request),
                ("POST", "/pulls") => CreatePull(request),
                ("GET", var p) when PullPattern().Match(p) is { Success: true } m => PullOr404(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), pull => FakeForgeResponse.Json(200, pull.DeepClone())),
                ("PUT", var p) when MergePattern().Match(p) is { Success: true } m => PullOr404(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), pull => Merge(pull, request)),
                ("POST", var p) when ReviewersPattern().Match(p) is { Success: true } m => PullOr404(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), pull => RequestReviewers(pull, request)),
                ("POST", var p) when LabelsPattern().Match(p) is { Success: true } m => AddLabels(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), request),
                ("GET", var p) when CommentsPattern().Match(p) is { Success: true } m => ListComments(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)),
                ("POST", var p) when CommentsPattern().Match(p) is { Success: true } m => CreateComment(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), request),
                ("GET", var p) when StatusPattern().Match(p) is { Success: true } m => CombinedStatus(m.Groups[1].Value),
                ("GET", var p) when CheckRunsPattern().Match(p) is { Success: true } m => CheckRuns(m.Groups[1].Value),
                _ => Error(404, "Not Found", "https://docs.github.com/rest"),
            };
        }
    }

    /// <summary>GraphQL: the one mutation SelfHeal uses, markPullRequestReadyForReview.</summary>
    private FakeForgeResponse GraphQl(FakeForgeRequest request)
    {
        var body = request.Json!;
        var query = (string?)body["query"] ?? "";
        if (!query.Contains("markPullRequestReadyForReview", StringComparison.Ordinal))
        {
            return FakeForgeResponse.Json(200, new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["message"] = "this fake only knows markPullRequestReadyForReview" }) });
        }
        var id = (string?)body["variables"]?["id"];
        lock (_gate)
        {
            var pull = _pulls.FirstOrDefault(p => (string?)p["node_id"] == id);
            if (pull is null)
            {
                return FakeForgeResponse.Json(200, new JsonObject { ["data"] = new JsonObject { ["markPullRequestReadyForReview"] = null }, ["errors"] = new JsonArray(new JsonObject { ["type"] = "NOT_FOUND", ["message"] = $"Could not resolve to a node with the global id of '{id}'" }) });
            }
            pull["draft"] = false;
            return FakeForgeResponse.Json(200, new JsonObject { ["data"] = new JsonObject { ["markPullRequestReadyForReview"] = new JsonObject { ["pullRequest"] = new JsonObject { ["isDraft"] = false } } } });
        }
    }

    private bool Authenticated(FakeForgeRequest request)
    {
        var header = request.Header("Authorization") ?? "";
        var token = header.StartsWith("token ", StringComparison.OrdinalIgnoreCase) ? header[6..] : header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..] : null;
        if (token is null)
        {
            return false;
        }
        if (Token is not null && token == Token)
        {
            return true;
        }
        lock (_gate)
        {
            return _installationTokens.TryGetValue(token, out var expires) && Time.GetUtcNow() < expires;
        }
    }

    private FakeForgeResponse AppRoute(FakeForgeRequest request, string path)
    {
        var header = request.Header("Authorization") ?? "";
        if (App is not { } app || !header.StartsWith("Bearer ", StringComparison.Ordinal) || VerifyJwt(header[7..], app) is { } problem)
        {
            return Error(401, "A JSON web token could not be decoded", "https://docs.github.com/rest");
        }
        var match = AccessTokensPattern().Match(path);
        if (request.Method != "POST" || !match.Success)
        {
            return Error(404, "Not Found", "https://docs.github.com/rest");
        }
        if (long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) != app.InstallationId)
        {
            return Error(404, "Not Found", "https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app");
        }
        var token = "ghs_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(18)).ToLowerInvariant();
        var expires = Time.GetUtcNow() + InstallationTokenLifetime;
        lock (_gate)
        {
            _installationTokens[token] = expires;
        }
        return FakeForgeResponse.Json(201, new JsonObject
        {
            ["token"] = token,
            ["expires_at"] = expires.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["permissions"] = new JsonObject { ["contents"] = "write", ["issues"] = "write", ["pull_requests"] = "write", ["statuses"] = "read", ["checks"] = "read" },
            ["repository_selection"] = "selected",
        });
    }

    /// <summary>Null when the JWT is a valid RS256 token from the App, issued in the past and expiring within 10 minutes.</summary>
    private string? VerifyJwt(string jwt, (long AppId, long InstallationId, RSA PublicKey) app)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            return "not a JWT";
        }
        var header = JsonNode.Parse(FromBase64Url(parts[0]))!;
        if ((string?)header["alg"] != "RS256")
        {
            return "alg";
        }
        if (!app.PublicKey.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), FromBase64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return "signature";
        }
        var payload = JsonNode.Parse(FromBase64Url(parts[1]))!;
        var now = Time.GetUtcNow().ToUnixTimeSeconds();
        var iat = (long)payload["iat"]!;
        var exp = (long)payload["exp"]!;
        var iss = payload["iss"]!.ToString();
        return iss != app.AppId.ToString(CultureInfo.InvariantCulture) ? "iss"
            : iat > now ? "iat in the future"
            : exp <= now ? "expired"
            : exp - iat > 600 ? "lives longer than 10 minutes"
            : null;
    }

    private static byte[] FromBase64Url(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }

    private FakeForgeResponse ListPulls(FakeForgeRequest request)
    {
        var state = request.QueryValue("state") ?? "open";
        var head = request.QueryValue("head");
        var owner = Repository.Split('/')[0];
        var found = _pulls.Where(p => state == "all" || (string)p["state"]! == state)
            .Where(p => head is null || $"{owner}:{(string)p["head"]!["ref"]!}" == head)
            .Select(p => (JsonNode)p.DeepClone());
        return FakeForgeResponse.Json(200, new JsonArray([.. found]));
    }

    private FakeForgeResponse CreatePull(FakeForgeRequest request)
    {
        var body = request.Json!;
        var head = (string?)body["head"];
        var baseRef = (string?)body["base"];
        var title = (string?)body["title"];
        if (string.IsNullOrEmpty(head) || string.IsNullOrEmpty(baseRef) || string.IsNullOrEmpty(title))
        {
            return Validation("PullRequest", "missing_field", "head, base and title are required");
        }
        if (_pulls.Any(p => (string)p["state"]! == "open" && (string)p["head"]!["ref"]! == head))
        {
            return Validation("PullRequest", "custom", $"A pull request already exists for {Repository.Split('/')[0]}:{head}.");
        }
        var number = _nextId++;
        var now = Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        if (BranchCommit(head) is not { } sha)
        {
            return Validation("PullRequest", "invalid", $"head {head} does not exist on {Repository}");
        }
        var pull = new JsonObject
        {
            ["url"] = $"{BaseUrl}repos/{Repository}/pulls/{number}",
            ["id"] = 1000 + number,
            ["node_id"] = $"PR_{number}",
            ["html_url"] = $"https://github.example/{Repository}/pull/{number}",
            ["number"] = number,
            ["state"] = "open",
            ["locked"] = false,
            ["title"] = title,
            ["user"] = new JsonObject { ["login"] = "selfheal-bot", ["id"] = 7, ["type"] = "Bot" },
            ["body"] = (string?)body["body"],
            ["created_at"] = now,
            ["updated_at"] = now,
            ["draft"] = (bool?)body["draft"] ?? false,
            ["merged"] = false,
            ["merged_at"] = null,
            ["closed_at"] = null,
            ["mergeable"] = true,
            ["merge_commit_sha"] = null,
            ["head"] = new JsonObject { ["label"] = $"{Repository.Split('/')[0]}:{head}", ["ref"] = head, ["sha"] = sha },
            ["base"] = new JsonObject { ["label"] = $"{Repository.Split('/')[0]}:{baseRef}", ["ref"] = baseRef, ["sha"] = new string('b', 40) },
        };
        _pulls.Add(pull);
        return FakeForgeResponse.Json(201, pull.DeepClone());
    }

    /// <summary>The bare repository that stands for the GitHub repository's git side: pull requests need their head branch in it.</summary>
    public string? BareRepository { get; init; }

    private string? BranchCommit(string branch) => BareRepository is null ? null : BranchCommit(BareRepository, branch);

    private FakeForgeResponse PullOr404(int number, Func<JsonObject, FakeForgeResponse> then)
    {
        var pull = _pulls.FirstOrDefault(p => (int)p["number"]! == number);
        return pull is null ? Error(404, "Not Found", "https://docs.github.com/rest/pulls/pulls#get-a-pull-request") : then(pull);
    }

    private FakeForgeResponse Merge(JsonObject pull, FakeForgeRequest request)
    {
        var sha = (string?)request.Json?["sha"];
        if (sha is not null && sha != (string)pull["head"]!["sha"]!)
        {
            return Error(409, "Head branch was modified. Review and try the merge again.", "https://docs.github.com/rest/pulls/pulls#merge-a-pull-request");
        }
        if ((bool)pull["merged"]!)
        {
            return Error(405, "Pull Request is not mergeable", "https://docs.github.com/rest/pulls/pulls#merge-a-pull-request");
        }
        var mergeSha = new string('c', 40);
        var at = Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        pull["merged"] = true;
        pull["merged_at"] = at;
        pull["closed_at"] = at;
        pull["state"] = "closed";
        pull["merge_commit_sha"] = mergeSha;
        pull["merge_method_used"] = (string?)request.Json?["merge_method"] ?? "merge";
        return FakeForgeResponse.Json(200, new JsonObject { ["sha"] = mergeSha, ["merged"] = true, ["message"] = "Pull Request successfully merged" });
    }

    private FakeForgeResponse RequestReviewers(JsonObject pull, FakeForgeRequest request)
    {
        var number = (int)pull["number"]!;
        var logins = request.Json?["reviewers"]?.AsArray().Select(n => (string)n!).ToList() ?? [];
        if (logins.Any(l => l.StartsWith("ghost", StringComparison.Ordinal)))
        {
            return Validation("PullRequest", "custom", "Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the octo/shop repository.");
        }
        if (!_reviewers.TryGetValue(number, out var list))
        {
            _reviewers[number] = list = [];
        }
        list.AddRange(logins.Except(list));
        var copy = pull.DeepClone();
        copy["requested_reviewers"] = new JsonArray([.. list.Select(l => (JsonNode)new JsonObject { ["login"] = l, ["id"] = l.Length })]);
        return FakeForgeResponse.Json(201, copy);
    }

    private FakeForgeResponse AddLabels(int number, FakeForgeRequest request)
    {
        if (!Issues.Contains(number) && _pulls.All(p => (int)p["number"]! != number))
        {
            return Error(404, "Not Found", "https://docs.github.com/rest/issues/labels#add-labels-to-an-issue");
        }
        var json = request.Json;
        var names = (json is JsonArray array ? array : json?["labels"]?.AsArray() ?? []).Select(n => (string)n!).ToList();
        if (!_labels.TryGetValue(number, out var list))
        {
            _labels[number] = list = [];
        }
        list.AddRange(names.Except(list));
        return FakeForgeResponse.Json(200, new JsonArray([.. list.Select((l, i) => (JsonNode)new JsonObject { ["id"] = i + 1, ["node_id"] = $"LA_{i}", ["url"] = $"{BaseUrl}repos/{Repository}/labels/{l}", ["name"] = l, ["color"] = "ededed", ["default"] = false })]));
    }

    private FakeForgeResponse ListComments(int number)
    {
        if (!Issues.Contains(number))
        {
            return Error(404, "Not Found", "https://docs.github.com/rest/issues/comments#list-issue-comments");
        }
        return FakeForgeResponse.Json(200, new JsonArray([.. _comments.GetValueOrDefault(number, []).Select(c => c.DeepClone())]));
    }

    private FakeForgeResponse CreateComment(int number, FakeForgeRequest request)
    {
        if (!Issues.Contains(number))
        {
            return Error(404, "Not Found", "https://docs.github.com/rest/issues/comments#create-an-issue-comment");
        }
        var now = Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var id = _nextId++;
        var comment = new JsonObject
        {
            ["id"] = id,
            ["node_id"] = $"IC_{id}",
            ["url"] = $"{BaseUrl}repos/{Repository}/issues/comments/{id}",
            ["html_url"] = $"https://github.example/{Repository}/issues/{number}#issuecomment-{id}",
            ["body"] = (string?)request.Json?["body"],
            ["user"] = new JsonObject { ["login"] = "selfheal-bot", ["id"] = 7, ["type"] = "Bot" },
            ["created_at"] = now,
            ["updated_at"] = now,
            ["author_association"] = "NONE",
        };
        if (!_comments.TryGetValue(number, out var list))
        {
            _comments[number] = list = [];
        }
        list.Add(comment);
        return FakeForgeResponse.Json(201, comment.DeepClone());
    }

    private FakeForgeResponse CombinedStatus(string sha)
    {
        var statuses = _statuses.GetValueOrDefault(sha, []);
        var state = statuses.Count == 0 ? "pending"
            : statuses.Any(s => s.State is "failure" or "error") ? "failure"
            : statuses.Any(s => s.State == "pending") ? "pending" : "success";
        return FakeForgeResponse.Json(200, new JsonObject
        {
            ["state"] = state,
            ["statuses"] = new JsonArray([.. statuses.Select((s, i) => (JsonNode)new JsonObject
            {
                ["url"] = $"{BaseUrl}repos/{Repository}/statuses/{sha}",
                ["id"] = i + 1,
                ["node_id"] = $"SC_{i}",
                ["state"] = s.State,
                ["description"] = "CI",
                ["target_url"] = "https://ci.example/build/1",
                ["context"] = s.Context,
                ["created_at"] = "2026-11-23T10:00:00Z",
                ["updated_at"] = "2026-11-23T10:00:00Z",
            })]),
            ["sha"] = sha,
            ["total_count"] = statuses.Count,
            ["commit_url"] = $"{BaseUrl}repos/{Repository}/commits/{sha}",
            ["url"] = $"{BaseUrl}repos/{Repository}/commits/{sha}/status",
        });
    }

    private FakeForgeResponse CheckRuns(string sha)
    {
        var runs = _checkRuns.GetValueOrDefault(sha, []);
        return FakeForgeResponse.Json(200, new JsonObject
        {
            ["total_count"] = runs.Count,
            ["check_runs"] = new JsonArray([.. runs.Select((r, i) => (JsonNode)new JsonObject
            {
                ["id"] = i + 1,
                ["head_sha"] = sha,
                ["node_id"] = $"CR_{i}",
                ["external_id"] = "",
                ["url"] = $"{BaseUrl}repos/{Repository}/check-runs/{i + 1}",
                ["html_url"] = $"https://github.example/{Repository}/runs/{i + 1}",
                ["details_url"] = "https://ci.example/",
                ["status"] = r.Status,
                ["conclusion"] = r.Conclusion,
                ["started_at"] = "2026-11-23T10:00:00Z",
                ["completed_at"] = r.Status == "completed" ? "2026-11-23T10:05:00Z" : null,
                ["name"] = r.Name,
                ["output"] = new JsonObject { ["title"] = r.Name, ["summary"] = "", ["text"] = null, ["annotations_count"] = 0, ["annotations_url"] = "" },
                ["pull_requests"] = new JsonArray(),
            })]),
        });
    }

    public static FakeForgeResponse Error(int status, string message, string documentation) =>
        FakeForgeResponse.Json(status, new JsonObject { ["message"] = message, ["documentation_url"] = documentation, ["status"] = status.ToString(CultureInfo.InvariantCulture) });

    public static FakeForgeResponse Validation(string resource, string code, string message) =>
        FakeForgeResponse.Json(422, new JsonObject
        {
            ["message"] = "Validation Failed",
            ["errors"] = new JsonArray(new JsonObject { ["resource"] = resource, ["code"] = code, ["message"] = message }),
            ["documentation_url"] = "https://docs.github.com/rest/pulls/pulls#create-a-pull-request",
            ["status"] = "422",
        });

    [GeneratedRegex(@"^/repos/(?<repo>[^/]+/[^/]+)(?<rest>/.*)$")]
    private static partial Regex RepoPattern();

    [GeneratedRegex(@"^/pulls/([0-9]+)$")]
    private static partial Regex PullPattern();

    [GeneratedRegex(@"^/pulls/([0-9]+)/merge$")]
    private static partial Regex MergePattern();

    [GeneratedRegex(@"^/pulls/([0-9]+)/requested_reviewers$")]
    private static partial Regex ReviewersPattern();

    [GeneratedRegex(@"^/issues/([0-9]+)/labels$")]
    private static partial Regex LabelsPattern();

    [GeneratedRegex(@"^/issues/([0-9]+)/comments$")]
    private static partial Regex CommentsPattern();

    [GeneratedRegex(@"^/commits/([^/]+)/status$")]
    private static partial Regex StatusPattern();

    [GeneratedRegex(@"^/commits/([^/]+)/check-runs$")]
    private static partial Regex CheckRunsPattern();

    [GeneratedRegex(@"^/app/installations/([0-9]+)/access_tokens$")]
    private static partial Regex AccessTokensPattern();
}
