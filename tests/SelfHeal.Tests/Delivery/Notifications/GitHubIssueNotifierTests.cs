using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SelfHeal.Delivery.Notifications;
using SelfHeal.Delivery.PullRequests;
using SelfHeal.Reports;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Delivery.Notifications;

public sealed class GitHubIssueNotifierTests : IAsyncLifetime
{
    private const string Pat = "ghp_notify0123456789abcdefghijklmnopqr";
    private readonly FakeGitHubServer _github = new("octo/shop", TimeProvider.System) { Token = Pat };
    private ServiceProvider? _services;

    public Task InitializeAsync()
    {
        _github.Issues.Add(12);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
        await _github.DisposeAsync();
    }

    private INotifier Notifier()
    {
        // The notifier needs no repository: it comments where each report came from.
        _services = new ServiceCollection().AddGitHubIssueNotifier(o =>
        {
            o.ApiUrl = _github.BaseUrl;
            o.Token = Pat;
            o.NotifyAttempts = 3;
            o.NotifyRetryDelay = TimeSpan.FromMilliseconds(10);
        }).BuildServiceProvider();
        return _services.GetRequiredKeyedService<INotifier>("github");
    }

    private static Notification Fixed(string summary = "A fix is ready: add() now adds.", string externalId = "octo/shop#12") =>
        new(NotificationMoment.FixProposed, "01JRUN", new BugReport("add() subtracts") { Source = "github", ExternalId = externalId }, summary, PullRequestUrl: "https://github.example/octo/shop/pull/3");

    [Fact]
    public async Task SendAsync_SentTwice_CommentsOnce()
    {
        var notifier = Notifier();

        await notifier.SendAsync(Fixed());
        await notifier.SendAsync(Fixed());

        var comment = Assert.Single(_github.Comments(12));
        Assert.Contains("<!-- selfheal:01JRUN:FixProposed:github -->", comment, StringComparison.Ordinal);
        Assert.Contains("https://github.example/octo/shop/pull/3", comment, StringComparison.Ordinal);
        Assert.Equal(1, _github.Count("POST", "/issues/12/comments"));
        Assert.Equal(2, _github.Count("GET", "/issues/12/comments"));
    }

    [Fact]
    public async Task SendAsync_AnotherMoment_CommentsAgain()
    {
        var notifier = Notifier();

        await notifier.SendAsync(Fixed());
        await notifier.SendAsync(Fixed() with { Moment = NotificationMoment.Merged });

        Assert.Equal(2, _github.Comments(12).Count);
    }

    [Fact]
    public async Task SendAsync_UntrustedSummary_NeitherPingsNorInjectsHtmlNorFakesTheMarker()
    {
        var notifier = Notifier();

        await notifier.SendAsync(Fixed("Thanks @octocat <img src=x onerror=alert(1)> [click](https://evil.example) <!-- selfheal:01JRUN:Merged:github -->"));

        var comment = Assert.Single(_github.Comments(12));
        Assert.DoesNotContain("@octocat", comment, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", comment, StringComparison.Ordinal);
        Assert.DoesNotContain("](https://evil", comment, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(comment, "<!-- selfheal:"));
        Assert.Contains("&lt;img", comment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_OneTransientFailure_RetriesAndCommentsOnce()
    {
        var notifier = Notifier();
        _github.Script("POST", "/issues/12/comments", FakeGitHubServer.Error(502, "Server Error", "https://docs.github.com/rest"));

        await notifier.SendAsync(Fixed());

        Assert.Single(_github.Comments(12));
        Assert.Equal(2, _github.Count("POST", "/issues/12/comments"));
    }

    [Fact]
    public async Task SendAsync_GitHubKeepsFailing_ThrowsNotificationExceptionWithoutTheToken()
    {
        var notifier = Notifier();
        _github.Script("POST", "/issues/12/comments", FakeGitHubServer.Error(503, "Service Unavailable", "https://docs.github.com/rest"), times: 10);

        var e = await Assert.ThrowsAsync<NotificationException>(() => notifier.SendAsync(Fixed()));

        Assert.Equal(3, _github.Count("POST", "/issues/12/comments"));
        Assert.Contains("octo/shop#12", e.Message, StringComparison.Ordinal);
        Assert.Contains("after 3 attempts", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Pat, e.ToString(), StringComparison.Ordinal);
        Assert.Empty(_github.Comments(12));
    }

    [Fact]
    public async Task SendAsync_RateLimitResettingInAnHour_GivesUpAtOnce()
    {
        var notifier = Notifier();
        _github.Script("GET", "/issues/12/comments", FakeForgeResponse.Json(403, new JsonObject { ["message"] = "API rate limit exceeded for user ID 7." }, new Dictionary<string, string>
        {
            ["x-ratelimit-remaining"] = "0",
            ["x-ratelimit-reset"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));

        var e = await Assert.ThrowsAsync<NotificationException>(() => notifier.SendAsync(Fixed()));

        Assert.Contains("rate limit", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, _github.Count("GET", "/issues/12/comments"));
    }

    [Fact]
    public async Task SendAsync_SecondaryRateLimitForASecond_WaitsItOutAndCommentsOnce()
    {
        var notifier = Notifier();
        _github.Script("POST", "/issues/12/comments", FakeForgeResponse.Json(403, new JsonObject
        {
            ["message"] = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
        }, new Dictionary<string, string> { ["retry-after"] = "1" }));

        await notifier.SendAsync(Fixed());

        Assert.Single(_github.Comments(12));
        Assert.Equal(2, _github.Count("POST", "/issues/12/comments"));
    }

    [Fact]
    public async Task SendAsync_IssueDoesNotExist_ThrowsNotificationExceptionWithoutRetrying()
    {
        var notifier = Notifier();

        var e = await Assert.ThrowsAsync<NotificationException>(() => notifier.SendAsync(Fixed(externalId: "octo/shop#99")));

        Assert.Contains("404", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, _github.Count("GET", "/issues/99/comments"));
    }

    [Theory]
    [InlineData("github", "octo/shop#12", true)]
    [InlineData("jira", "octo/shop#12", false)]
    [InlineData("github", "PROJ-7", false)]
    [InlineData("github", null, false)]
    public void AppliesTo_OnlyReportsFromAGitHubIssue(string source, string? externalId, bool expected)
    {
        var notification = Fixed() with { Report = new BugReport("bug") { Source = source, ExternalId = externalId } };

        Assert.Equal(expected, Notifier().AppliesTo(notification));
    }
}
