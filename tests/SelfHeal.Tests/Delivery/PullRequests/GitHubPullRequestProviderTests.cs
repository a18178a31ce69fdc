using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SelfHeal.AgentTrace;
using SelfHeal.Delivery.PullRequests;
using SelfHeal.Delivery.PullRequests.GitHub;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Delivery.PullRequests;

public sealed class GitHubPullRequestProviderTests : IAsyncLifetime
{
    private const string Pat = "ghp_test0123456789abcdefghijklmnopqrstuv";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private ForgeRepositories _repos = null!;
    private FakeGitHubServer _github = null!;
    private ServiceProvider? _services;

    public async Task InitializeAsync()
    {
        _repos = await ForgeRepositories.CreateAsync();
        _github = new FakeGitHubServer("octo/shop", _time) { Token = Pat, BareRepository = _repos.BarePath };
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
        await _github.DisposeAsync();
        _repos.Dispose();
    }

    private IPullRequestProvider Provider(Action<GitHubOptions>? configure = null)
    {
        var services = new ServiceCollection().AddSingleton<TimeProvider>(_time);
        services.AddGitHubPullRequests(o =>
        {
            o.ApiUrl = _github.BaseUrl;
            o.Repository = "octo/shop";
            o.Token = Pat;
            o.PushUrl = _repos.BarePath;
            configure?.Invoke(o);
        });
        _services = services.BuildServiceProvider();
        return _services.GetRequiredService<IPullRequestProvider>();
    }

    private PullRequestRequest Request(bool draft = false, IReadOnlyList<string>? reviewers = null) =>
        new(_repos.Work.Path, ForgeRepositories.Branch, "main", "Fix add() returning a difference", "## Root cause\nadd subtracted.", ["bug"], reviewers ?? ["alice"], draft);

    [Fact]
    public async Task OpenAsync_WithToken_PushesBranchAndNotesAndOpensLabelledPullRequest()
    {
        var provider = Provider();

        var info = await provider.OpenAsync(Request());

        Assert.Equal(_repos.Commit, await _repos.BareRefAsync($"refs/heads/{ForgeRepositories.Branch}"));
        Assert.NotNull(await _repos.BareRefAsync(TraceNotes.Ref));
        Assert.Equal(new PullRequestInfo("github", "1", "https://github.example/octo/shop/pull/1", ForgeRepositories.Branch, _repos.Commit, Draft: false, Created: true), info);
        var pull = _github.Pull(1);
        Assert.Equal("Fix add() returning a difference", (string?)pull["title"]);
        Assert.Equal("main", (string?)pull["base"]!["ref"]);
        Assert.Equal(_repos.Commit, (string?)pull["head"]!["sha"]);
        Assert.Equal(["selfheal", "auto-fix", "bug"], _github.Labels(1));
        Assert.Equal(["alice"], _github.Reviewers(1));
        Assert.All(_github.Requests, r => Assert.Equal($"token {Pat}", r.Header("Authorization"), ignoreCase: true));
    }

    [Fact]
    public async Task MarkReadyAsync_Draft_IsTakenOutOfDraftThroughGraphQlAndThenMerges()
    {
        var provider = Provider();
        var draft = await provider.OpenAsync(Request(draft: true));
        _github.AddStatus(_repos.Commit, "ci/test", "success");

        var ready = await provider.MarkReadyAsync(draft);
        var merge = await provider.MergeAsync(ready);

        Assert.False(ready.Draft);
        Assert.False((bool)_github.Pull(1)["draft"]!);
        Assert.Equal(1, _github.Count("POST", "/graphql"));
        Assert.True(merge.Merged, merge.Detail);
    }

    [Fact]
    public async Task OpenAsync_Twice_ReturnsTheOpenPullRequestWithoutASecondOne()
    {
        var provider = Provider();

        var first = await provider.OpenAsync(Request());
        var second = await provider.OpenAsync(Request());

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Number, second.Number);
        Assert.Equal(first.Url, second.Url);
        Assert.Equal(1, _github.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/pulls", StringComparison.Ordinal)));
        Assert.Contains(_github.Requests, r => r.Method == "GET" && r.QueryValue("head") == $"octo:{ForgeRepositories.Branch}" && r.QueryValue("state") == "open");
    }

    [Fact]
    public async Task OpenAsync_AnotherWorkerOpenedItFirst_ReturnsTheirs()
    {
        var provider = Provider();
        var first = await provider.OpenAsync(Request());
        _github.Script("GET", "/repos/octo/shop/pulls", new FakeForgeResponse(200, "[]"));

        var second = await provider.OpenAsync(Request());

        Assert.False(second.Created);
        Assert.Equal(first.Number, second.Number);
        Assert.Equal(2, _github.Requests.Count(r => r.Method == "POST" && r.Path == "/repos/octo/shop/pulls"));
    }

    [Fact]
    public async Task OpenAsync_Draft_OpensADraft()
    {
        var info = await Provider().OpenAsync(Request(draft: true));

        Assert.True(info.Draft);
        Assert.True((bool)_github.Pull(1)["draft"]!);
    }

    [Fact]
    public async Task OpenAsync_WithGitHubApp_UsesACachedInstallationTokenAndRefreshesItWhenItExpires()
    {
        using var key = RSA.Create(2048);
        await using var app = new FakeGitHubServer("octo/shop", _time) { App = (4242, 77, key), BareRepository = _repos.BarePath };
        _github = app;
        var provider = Provider(o =>
        {
            o.Token = null;
            o.AppId = 4242;
            o.InstallationId = 77;
            o.PrivateKeyPem = key.ExportPkcs8PrivateKeyPem();
        });

        await provider.OpenAsync(Request());
        await provider.OpenAsync(Request());
        Assert.Single(app.IssuedTokens);
        var first = app.IssuedTokens[0];

        _time.Advance(TimeSpan.FromMinutes(59) + TimeSpan.FromSeconds(30));
        var again = await provider.OpenAsync(Request());

        Assert.Equal(2, app.IssuedTokens.Count);
        var second = app.IssuedTokens.Single(t => t != first);
        Assert.Equal($"token {second}", app.Requests[^1].Header("Authorization"), ignoreCase: true);
        Assert.False(again.Created);
        Assert.Equal(2, app.Count("POST", "/app/installations/77/access_tokens"));
        Assert.All(app.Requests.Where(r => r.Path.StartsWith("/app/", StringComparison.Ordinal)), r => Assert.StartsWith("Bearer ey", r.Header("Authorization"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenAsync_HttpsRemote_PushesWithTheTokenAsABasicHeaderOnlyAndNeverShowsIt()
    {
        var provider = Provider(o => o.PushUrl = null);

        var e = await Assert.ThrowsAsync<PullRequestException>(() => provider.OpenAsync(Request()));

        var push = Assert.Single(_github.Requests, r => r.Path == "/octo/shop.git/info/refs");
        Assert.Equal("Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"x-access-token:{Pat}")), push.Header("Authorization"));
        Assert.Equal(PullRequestFailure.NotFound, e.Failure);
        Assert.DoesNotContain(Pat, e.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_github.Requests, r => r.Path.EndsWith("/pulls", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenAsync_GitHubAppKeyFromAFile_Works()
    {
        using var key = RSA.Create(2048);
        using var keyFile = new TempDirectory("selfheal-key");
        var path = keyFile.Combine("app.pem");
        await File.WriteAllTextAsync(path, key.ExportRSAPrivateKeyPem());
        await using var app = new FakeGitHubServer("octo/shop", _time) { App = (4242, 77, key), BareRepository = _repos.BarePath };
        _github = app;
        var provider = Provider(o =>
        {
            o.Token = null;
            o.AppId = 4242;
            o.InstallationId = 77;
            o.PrivateKeyPath = path;
        });

        var info = await provider.OpenAsync(Request());

        Assert.True(info.Created);
        Assert.Single(app.IssuedTokens);
    }

    [Theory]
    [InlineData(true, 4242L, 77L, true, "not both")]
    [InlineData(false, null, 77L, true, "delivery.github.appId is required")]
    [InlineData(false, 4242L, null, true, "delivery.github.installationId is required")]
    [InlineData(false, 4242L, 77L, false, "privateKeyPem and delivery.github.privateKeyPath")]
    public void AddGitHubPullRequests_IncompleteGitHubApp_FailsOnStartSayingWhatIsMissing(bool token, long? appId, long? installationId, bool key, string expected)
    {
        using var services = new ServiceCollection().AddGitHubPullRequests(o =>
        {
            o.Repository = "octo/shop";
            o.Token = token ? Pat : null;
            o.AppId = appId;
            o.InstallationId = installationId;
            o.PrivateKeyPem = key ? "-----BEGIN PRIVATE KEY-----" : null;
        }).BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://api.github.com/", "https://github.com/octo/shop.git")]
    [InlineData("https://ghe.example.com/api/v3/", "https://ghe.example.com/octo/shop.git")]
    public void ResolvedPushUrl_DefaultsToTheWebHostOfTheApi(string apiUrl, string expected)
    {
        Assert.Equal(expected, new GitHubOptions { ApiUrl = new Uri(apiUrl), Repository = "octo/shop" }.ResolvedPushUrl());
    }

    [Fact]
    public async Task OpenAsync_GitHubAppWithAnotherKey_ThrowsUnauthorized()
    {
        using var key = RSA.Create(2048);
        using var other = RSA.Create(2048);
        await using var app = new FakeGitHubServer("octo/shop", _time) { App = (4242, 77, key), BareRepository = _repos.BarePath };
        _github = app;
        var provider = Provider(o =>
        {
            o.Token = null;
            o.AppId = 4242;
            o.InstallationId = 77;
            o.PrivateKeyPem = other.ExportPkcs8PrivateKeyPem();
        });

        var e = await Assert.ThrowsAsync<PullRequestException>(() => provider.OpenAsync(Request()));

        Assert.Equal(PullRequestFailure.Unauthorized, e.Failure);
        Assert.Contains("installation token", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Bearer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MergeAsync_AllChecksPassed_SquashMergesTheHeadCommit()
    {
        var provider = Provider();
        var info = await provider.OpenAsync(Request());
        _github.AddStatus(_repos.Commit, "ci/build", "success");
        _github.AddCheckRun(_repos.Commit, "tests", "completed", "success");
        _github.AddCheckRun(_repos.Commit, "lint", "completed", "skipped");

        var outcome = await provider.MergeAsync(info);

        Assert.True(outcome.Merged, outcome.Detail);
        Assert.Equal("squash", (string?)_github.Pull(1)["merge_method_used"]);
        Assert.Equal(_repos.Commit, (string?)_github.Requests.Single(r => r.Method == "PUT").Json!["sha"]);
    }

    [Fact]
    public async Task MergeAsync_Twice_SaysItIsAlreadyMergedWithoutMergingAgain()
    {
        var provider = Provider(o => o.MergeMethod = GitHubMergeMethod.Rebase);
        var info = await provider.OpenAsync(Request());
        _github.AddCheckRun(_repos.Commit, "tests", "completed", "success");

        var first = await provider.MergeAsync(info);
        var second = await provider.MergeAsync(info);

        Assert.True(first.Merged, first.Detail);
        Assert.True(second.Merged, second.Detail);
        Assert.Contains("Already merged", second.Detail, StringComparison.Ordinal);
        Assert.Equal(1, _github.Count("PUT", "/merge"));
        Assert.Equal("rebase", (string?)_github.Pull(1)["merge_method_used"]);
    }

    [Theory]
    [InlineData("pending", "completed", "success", "still running")]
    [InlineData("success", "in_progress", null, "still running")]
    [InlineData("failure", "completed", "success", "failed")]
    [InlineData("success", "completed", "failure", "failed")]
    [InlineData("success", "completed", "timed_out", "failed")]
    public async Task MergeAsync_ChecksNotAllPassed_LeavesItOpen(string status, string runStatus, string? conclusion, string expected)
    {
        var provider = Provider();
        var info = await provider.OpenAsync(Request());
        _github.AddStatus(_repos.Commit, "ci/build", status);
        _github.AddCheckRun(_repos.Commit, "tests", runStatus, conclusion);

        var outcome = await provider.MergeAsync(info);

        Assert.False(outcome.Merged);
        Assert.Contains(expected, outcome.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(_github.Requests, r => r.Method == "PUT");
        Assert.False((bool)_github.Pull(1)["merged"]!);
    }

    [Fact]
    public async Task MergeAsync_NoChecksAtAll_LeavesItOpenUnlessConfigured()
    {
        var provider = Provider();
        var info = await provider.OpenAsync(Request());

        var outcome = await provider.MergeAsync(info);

        Assert.False(outcome.Merged);
        Assert.Contains("mergeWithoutChecks", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MergeAsync_Draft_LeavesItForAHuman()
    {
        var provider = Provider();
        var info = await provider.OpenAsync(Request(draft: true));
        _github.AddStatus(_repos.Commit, "ci/build", "success");

        var outcome = await provider.MergeAsync(info);

        Assert.False(outcome.Merged);
        Assert.Contains("draft", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_BadToken_ThrowsUnauthorizedWithoutTheToken()
    {
        const string wrong = "ghp_wrongwrongwrongwrongwrongwrongwrong";
        var provider = Provider(o => o.Token = wrong);

        var e = await Assert.ThrowsAsync<PullRequestException>(() => provider.OpenAsync(Request()));

        Assert.Equal(PullRequestFailure.Unauthorized, e.Failure);
        Assert.Contains("Bad credentials", e.Message, StringComparison.Ordinal);
        Assert.Contains("delivery.github.token", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_UnknownRepository_ThrowsNotFound()
    {
        var provider = Provider(o => o.Repository = "octo/missing");

        var e = await Assert.ThrowsAsync<PullRequestException>(() => provider.OpenAsync(Request()));

        Assert.Equal(PullRequestFailure.NotFound, e.Failure);
        Assert.Contains("octo/missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_ReviewerNotACollaborator_ThrowsRejectedWithGitHubsMessage()
    {
        var provider = Provider();

        var e = await Assert.ThrowsAsync<PullRequestException>(() => provider.OpenAsync(Request(reviewers: ["ghost-user"])));

        Assert.Equal(PullRequestFailure.Rejected, e.Failure);
        Assert.Contains("Reviews may only be requested from collaborators", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_PrimaryRateLimit_ThrowsRateLimitedWithTheResetTime()
    {
        var provider = Provider();
        var reset = new DateTimeOffset(2026, 11, 23, 12, 30, 0, TimeSpan.Zero);
        _github.Script("GET", "/pulls", FakeForgeResponse.Json(403, new System.Text.Json.Nodes.JsonObject
        {
            ["message"] = "API rate limit exceeded for user ID 7.",
            ["documentation_url"] = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
        }, new Dictionary<string, string>
        {
            ["x-ratelimit-limit"] = "5000",
            ["x-ratelimit-remaining"] = "0",
            ["x-ratelimit-used"] = "5000",
            ["x-ratelimit-reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["x-ratelimit-resource"] = "core",
        }));

        var e = await Assert.ThrowsAsync<PullRequestException>(() => provider.OpenAsync(Request()));

        Assert.Equal(PullRequestFailure.RateLimited, e.Failure);
        Assert.Equal(reset, e.RetryAt);
        Assert.True(e.Transient);
    }

    [Theory]
    [InlineData(403)]
    [InlineData(429)]
    public async Task OpenAsync_SecondaryRateLimit_ThrowsRateLimitedAfterRetryAfter(int status)
    {
        var provider = Provider();
        _github.Script("POST", "/pulls", FakeForgeResponse.Json(status, new System.Text.Json.Nodes.JsonObject
        {
            ["message"] = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
            ["documentation_url"] = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
        }, new Dictionary<string, string> { ["retry-after"] = "60" }));

        var e = await Assert.ThrowsAsync<PullRequestException>(() => provider.OpenAsync(Request()));

        Assert.Equal(PullRequestFailure.RateLimited, e.Failure);
        Assert.Equal(_time.GetUtcNow().AddSeconds(60), e.RetryAt);
    }

    [Fact]
    public async Task OpenAsync_GitHubNeverAnswers_ThrowsUnavailableAfterTheTimeout()
    {
        var provider = Provider(o => o.Timeout = TimeSpan.FromMilliseconds(500));
        _github.Hang("GET", "/pulls");

        var e = await Assert.ThrowsAsync<PullRequestException>(() => provider.OpenAsync(Request()));

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
    [InlineData("octo", "delivery.github.repository must be owner/name")]
    [InlineData(null, "delivery.github.repository is required")]
    public void AddGitHubPullRequests_BadRepository_FailsOnStartWithTheKey(string? repository, string expected)
    {
        using var services = new ServiceCollection().AddGitHubPullRequests(o => { o.Repository = repository; o.Token = Pat; }).BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddGitHubPullRequests_NoCredentials_FailsOnStartSayingWhatToSet()
    {
        using var services = new ServiceCollection().AddGitHubPullRequests(o => o.Repository = "octo/shop").BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("delivery.github.token", e.Message, StringComparison.Ordinal);
    }
}
