using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SelfHeal.AgentTrace;
using SelfHeal.Delivery.PullRequests;
using SelfHeal.Delivery.PullRequests.GitLab;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Delivery.PullRequests;

public sealed class GitLabMergeRequestProviderTests : IAsyncLifetime
{
    private const string Token = "glpat-test0123456789abcdef";
    private const string Project = "group/sub/shop";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private ForgeRepositories _repos = null!;
    private FakeGitLabServer _gitlab = null!;
    private ServiceProvider? _services;

    public async Task InitializeAsync()
    {
        _repos = await ForgeRepositories.CreateAsync();
        _gitlab = new FakeGitLabServer(Project, 321, Token, _repos.BarePath);
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
        await _gitlab.DisposeAsync();
        _repos.Dispose();
    }

    private IPullRequestProvider Provider(Action<GitLabOptions>? configure = null)
    {
        _services = new ServiceCollection().AddSingleton<TimeProvider>(_time).AddGitLabMergeRequests(o =>
        {
            o.ApiUrl = _gitlab.ApiUrl;
            o.Project = Project;
            o.Token = Token;
            o.PushUrl = _repos.BarePath;
            configure?.Invoke(o);
        }).BuildServiceProvider();
        return _services.GetRequiredKeyedService<IPullRequestProvider>("gitlab");
    }

    private PullRequestRequest Request(bool draft = false, IReadOnlyList<string>? reviewers = null) =>
        new(_repos.Work.Path, ForgeRepositories.Branch, "main", "Fix add() returning a difference", "## Root cause\nadd subtracted.", ["bug"], reviewers ?? ["alice", "bob"], draft);

    [Fact]
    public async Task OpenAsync_PushesBranchAndNotesAndOpensALabelledMergeRequestWithReviewers()
    {
        var info = await Provider().OpenAsync(Request());

        Assert.Equal(_repos.Commit, await _repos.BareRefAsync($"refs/heads/{ForgeRepositories.Branch}"));
        Assert.NotNull(await _repos.BareRefAsync(TraceNotes.Ref));
        Assert.Equal(new PullRequestInfo("gitlab", "1", "https://gitlab.example/group/sub/shop/-/merge_requests/1", ForgeRepositories.Branch, _repos.Commit, Draft: false, Created: true), info);
        var mr = _gitlab.MergeRequest(1);
        Assert.Equal("Fix add() returning a difference", (string?)mr["title"]);
        Assert.Equal(["selfheal", "auto-fix", "bug"], mr["labels"]!.AsArray().Select(l => (string)l!));
        Assert.Equal([11L, 12L], mr["reviewers"]!.AsArray().Select(r => (long)r!["id"]!));
        Assert.All(_gitlab.Requests, r => Assert.Equal(Token, r.Header("PRIVATE-TOKEN")));
        Assert.Contains(_gitlab.Requests, r => r.Path == "/api/v4/projects/group%2Fsub%2Fshop/merge_requests" && r.Method == "POST");
    }

    [Fact]
    public async Task OpenAsync_HttpsRemote_PushesWithTheTokenAsABasicHeaderOnlyAndNeverShowsIt()
    {
        var e = await Assert.ThrowsAsync<PullRequestException>(() => Provider(o => o.PushUrl = null).OpenAsync(Request()));

        var push = Assert.Single(_gitlab.Requests, r => r.Path == "/group/sub/shop.git/info/refs");
        Assert.Equal("Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"oauth2:{Token}")), push.Header("Authorization"));
        Assert.Null(push.Header("PRIVATE-TOKEN"));
        Assert.Equal(PullRequestFailure.Unauthorized, e.Failure);
        Assert.DoesNotContain(Token, e.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, _gitlab.Count("POST", "/merge_requests"));
    }

    [Fact]
    public async Task OpenAsync_Twice_ReturnsTheOpenMergeRequestWithoutASecondOne()
    {
        var provider = Provider();

        var first = await provider.OpenAsync(Request());
        var second = await provider.OpenAsync(Request());

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Url, second.Url);
        Assert.Equal(1, _gitlab.Count("POST", "/merge_requests"));
        Assert.Contains(_gitlab.Requests, r => r.QueryValue("source_branch") == ForgeRepositories.Branch && r.QueryValue("state") == "opened");
    }

    [Fact]
    public async Task OpenAsync_AnotherWorkerOpenedItFirst_ReturnsTheirs()
    {
        var provider = Provider();
        var first = await provider.OpenAsync(Request());
        _gitlab.Script("GET", "/merge_requests", new FakeForgeResponse(200, "[]"));

        var second = await provider.OpenAsync(Request());

        Assert.False(second.Created);
        Assert.Equal(first.Url, second.Url);
        Assert.Equal(2, _gitlab.Count("POST", "/merge_requests"));
    }

    [Fact]
    public async Task MarkReadyAsync_Draft_DropsTheDraftPrefix()
    {
        var provider = Provider();
        var draft = await provider.OpenAsync(Request(draft: true));

        var ready = await provider.MarkReadyAsync(draft);
        var again = await provider.MarkReadyAsync(ready);

        Assert.False(ready.Draft);
        Assert.False(again.Draft);
        Assert.Equal(1, _gitlab.Count("PUT", "/merge_requests/1"));
    }

    [Fact]
    public async Task OpenAsync_Draft_PrefixesTheTitle()
    {
        var info = await Provider().OpenAsync(Request(draft: true));

        Assert.True(info.Draft);
        Assert.Equal("Draft: Fix add() returning a difference", (string?)_gitlab.MergeRequest(1)["title"]);
    }

    [Fact]
    public async Task OpenAsync_UnknownReviewer_ThrowsRejectedNamingThem()
    {
        var e = await Assert.ThrowsAsync<PullRequestException>(() => Provider().OpenAsync(Request(reviewers: ["mallory"])));

        Assert.Equal(PullRequestFailure.Rejected, e.Failure);
        Assert.Contains("mallory", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, _gitlab.Count("POST", "/merge_requests"));
    }

    [Fact]
    public async Task MergeAsync_PipelineSucceeded_SquashMerges()
    {
        var provider = Provider();
        var info = await provider.OpenAsync(Request());
        _gitlab.SetPipeline(1, "success");

        var outcome = await provider.MergeAsync(info);

        Assert.True(outcome.Merged, outcome.Detail);
        Assert.Equal("merged", (string?)_gitlab.MergeRequest(1)["state"]);
        var merge = _gitlab.Requests.Single(r => r.Method == "PUT").Json!;
        Assert.True((bool)merge["squash"]!);
        Assert.Equal(_repos.Commit, (string?)merge["sha"]);
        Assert.Contains(new string('e', 40), outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MergeAsync_Twice_SaysItIsAlreadyMergedWithoutMergingAgain()
    {
        var provider = Provider(o => o.Squash = false);
        var info = await provider.OpenAsync(Request());
        _gitlab.SetPipeline(1, "success");

        var first = await provider.MergeAsync(info);
        var second = await provider.MergeAsync(info);

        Assert.True(first.Merged, first.Detail);
        Assert.True(second.Merged, second.Detail);
        Assert.Contains("Already merged", second.Detail, StringComparison.Ordinal);
        Assert.Equal(1, _gitlab.Count("PUT", "/merge"));
        Assert.False((bool)_gitlab.MergeRequest(1)["squash"]!);
    }

    [Theory]
    [InlineData("running", "has not finished")]
    [InlineData("pending", "has not finished")]
    [InlineData("failed", "did not pass")]
    [InlineData(null, "no pipeline")]
    public async Task MergeAsync_PipelineNotSucceeded_LeavesItOpen(string? status, string expected)
    {
        var provider = Provider();
        var info = await provider.OpenAsync(Request());
        _gitlab.SetPipeline(1, status);

        var outcome = await provider.MergeAsync(info);

        Assert.False(outcome.Merged);
        Assert.Contains(expected, outcome.Detail, StringComparison.Ordinal);
        Assert.Equal(0, _gitlab.Count("PUT", "/merge"));
    }

    [Fact]
    public async Task MergeAsync_HeadMovedSinceThePipeline_LeavesItOpenWithGitLabsReason()
    {
        var provider = Provider();
        var info = await provider.OpenAsync(Request());
        _gitlab.SetPipeline(1, "success");
        _gitlab.Script("PUT", "/merge", FakeGitLabServer.Message(409, "SHA does not match HEAD of source branch: 0123"));

        var outcome = await provider.MergeAsync(info);

        Assert.False(outcome.Merged);
        Assert.Contains("SHA does not match HEAD", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_BadToken_ThrowsUnauthorizedWithoutTheToken()
    {
        const string wrong = "glpat-wrongwrongwrongwrong";
        var e = await Assert.ThrowsAsync<PullRequestException>(() => Provider(o => o.Token = wrong).OpenAsync(Request()));

        Assert.Equal(PullRequestFailure.Unauthorized, e.Failure);
        Assert.Contains("401 Unauthorized", e.Message, StringComparison.Ordinal);
        Assert.Contains("delivery.gitlab.token", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_Forbidden_ThrowsUnauthorizedNamingTheRole()
    {
        _gitlab.Script("POST", "/merge_requests", FakeGitLabServer.Message(403, "403 Forbidden"));

        var e = await Assert.ThrowsAsync<PullRequestException>(() => Provider().OpenAsync(Request()));

        Assert.Equal(PullRequestFailure.Unauthorized, e.Failure);
        Assert.Contains("Developer role", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_UnknownProject_ThrowsNotFound()
    {
        var e = await Assert.ThrowsAsync<PullRequestException>(() => Provider(o => o.Project = "group/missing").OpenAsync(Request()));

        Assert.Equal(PullRequestFailure.NotFound, e.Failure);
        Assert.Contains("404 Project Not Found", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_NumericProjectId_Works()
    {
        var info = await Provider(o => o.Project = "321").OpenAsync(Request());

        Assert.True(info.Created);
        Assert.Contains(_gitlab.Requests, r => r.Path == "/api/v4/projects/321/merge_requests" && r.Method == "POST");
    }

    [Theory]
    [InlineData(409, """{"message":["Another open merge request already exists for this source branch: !7"]}""", "Another open merge request already exists")]
    [InlineData(422, """{"message":{"target_branch":["is invalid"]}}""", "target_branch is invalid")]
    public async Task OpenAsync_GitLabRejects_ThrowsRejectedWithGitLabsMessage(int status, string body, string expected)
    {
        _gitlab.Script("POST", "/merge_requests", new FakeForgeResponse(status, body));

        var e = await Assert.ThrowsAsync<PullRequestException>(() => Provider().OpenAsync(Request()));

        Assert.Equal(PullRequestFailure.Rejected, e.Failure);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_RateLimited_ThrowsRateLimitedWithTheReset()
    {
        var reset = new DateTimeOffset(2026, 11, 23, 12, 5, 0, TimeSpan.Zero);
        _gitlab.Script("GET", "/merge_requests", new FakeForgeResponse(429, """{"message":"Retry later"}""", new Dictionary<string, string>
        {
            ["RateLimit-Limit"] = "600",
            ["RateLimit-Remaining"] = "0",
            ["RateLimit-Reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        }));

        var e = await Assert.ThrowsAsync<PullRequestException>(() => Provider().OpenAsync(Request()));

        Assert.Equal(PullRequestFailure.RateLimited, e.Failure);
        Assert.Equal(reset, e.RetryAt);
    }

    [Fact]
    public async Task OpenAsync_RateLimitedWithRetryAfter_ThrowsRateLimitedThatLongFromNow()
    {
        _gitlab.Script("GET", "/merge_requests", new FakeForgeResponse(429, """{"message":"Retry later"}""", new Dictionary<string, string> { ["Retry-After"] = "30" }));

        var e = await Assert.ThrowsAsync<PullRequestException>(() => Provider().OpenAsync(Request()));

        Assert.Equal(PullRequestFailure.RateLimited, e.Failure);
        Assert.Equal(_time.GetUtcNow().AddSeconds(30), e.RetryAt);
    }

    [Fact]
    public async Task OpenAsync_GitLabNeverAnswers_ThrowsUnavailableAfterTheTimeout()
    {
        _gitlab.Hang("GET", "/merge_requests");

        var e = await Assert.ThrowsAsync<PullRequestException>(() => Provider(o => o.Timeout = TimeSpan.FromMilliseconds(500)).OpenAsync(Request()));

        Assert.Equal(PullRequestFailure.Unavailable, e.Failure);
        Assert.Contains("did not answer in time", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_NothingListensAtTheApiUrl_ThrowsUnavailable()
    {
        // Bound but not listening: connections are refused, and no other test can take the port meanwhile.
        using var reserved = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        reserved.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var closed = new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)reserved.LocalEndPoint!).Port}/");

        var e = await Assert.ThrowsAsync<PullRequestException>(() => Provider(o => o.ApiUrl = closed).OpenAsync(Request()));

        Assert.Equal(PullRequestFailure.Unavailable, e.Failure);
        Assert.True(e.Transient);
        Assert.Contains("could not be reached", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("shop", "glpat-x", null, "delivery.gitlab.project must be group/name")]
    [InlineData(null, "glpat-x", null, "delivery.gitlab.project is required")]
    [InlineData("group/shop", null, null, "delivery.gitlab.token is required")]
    [InlineData("321", "glpat-x", null, "delivery.gitlab.pushUrl is required")]
    public void AddGitLabMergeRequests_BadOptions_FailOnStartWithTheKey(string? project, string? token, string? pushUrl, string expected)
    {
        using var services = new ServiceCollection().AddGitLabMergeRequests(o => { o.Project = project; o.Token = token; o.PushUrl = pushUrl; }).BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolvedPushUrl_DefaultsToTheHostAndProjectPath()
    {
        var options = new GitLabOptions { ApiUrl = new Uri("https://gitlab.example.com/api/v4/"), Project = "group/shop" };

        Assert.Equal("https://gitlab.example.com/group/shop.git", options.ResolvedPushUrl());
    }
}
