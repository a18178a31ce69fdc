using System.Text;
using SelfHeal.Delivery.Notifications;
using SelfHeal.Delivery.Notifications.Jira;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Delivery.Notifications;

public sealed class JiraNotifierTests : IAsyncLifetime
{
    private readonly FakeJira _jira = new("PROJ-7");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _jira.DisposeAsync();

    private INotifier Notifier(Action<JiraNotifierOptions>? configure = null, string token = FakeJira.Token)
    {
        var (_, notifier) = Notifications.Build(s => s.AddJiraNotifier(o =>
        {
            o.BaseUrl = _jira.BaseUrl;
            o.Email = FakeJira.Email;
            o.ApiToken = token;
            o.RetryDelay = TimeSpan.FromMilliseconds(10);
            o.MaxRetries = 2;
            configure?.Invoke(o);
        }));
        return notifier;
    }

    [Fact]
    public async Task SendAsync_NewNotification_PostsAdfCommentWithBasicAuth()
    {
        var notification = Notifications.For(Notifications.JiraReport(), NotificationMoment.NeedsApproval) with { ApproveUrl = "https://selfheal.example.com/approve-link" };

        await Notifier().SendAsync(notification);

        var post = Assert.Single(_jira.Server.Requests, r => r.Method == "POST");
        Assert.Equal("/rest/api/3/issue/PROJ-7/comment", post.Path);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{FakeJira.Email}:{FakeJira.Token}")), post.Header("Authorization"));
        var body = post.Json["body"]!;
        Assert.Equal("doc", body["type"]!.GetValue<string>());
        Assert.Equal(1, body["version"]!.GetValue<int>());
        var text = body.ToJsonString();
        Assert.Contains("SelfHeal has a fix that waits for approval.", text, StringComparison.Ordinal);
        Assert.Contains("\"href\":\"https://github.com/octo/shop/pull/42\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("approve-link", text, StringComparison.Ordinal);
        Assert.Contains(JiraNotifier.Marker(notification.IdempotencyKey("jira")), text, StringComparison.Ordinal);
        Assert.Equal(notification.IdempotencyKey("jira"), post.Json["properties"]![0]!["value"]!["idempotencyKey"]!.GetValue<string>());
        Assert.Single(_jira.Comments("PROJ-7"));
    }

    [Fact]
    public async Task SendAsync_SentTwice_PostsOneComment()
    {
        var notifier = Notifier();
        var notification = Notifications.For(Notifications.JiraReport());

        await notifier.SendAsync(notification);
        await notifier.SendAsync(notification);
        await notifier.SendAsync(notification with { Moment = NotificationMoment.Merged });

        Assert.Equal(2, _jira.Comments("PROJ-7").Count);
    }

    [Fact]
    public async Task SendAsync_SentTwiceOnABusyIssue_FindsItsCommentOnALaterPage()
    {
        _jira.AddHumanComments("PROJ-7", 150);
        var notifier = Notifier();
        var notification = Notifications.For(Notifications.JiraReport());

        await notifier.SendAsync(notification);
        await notifier.SendAsync(notification);

        Assert.Equal(151, _jira.Comments("PROJ-7").Count);
        Assert.Contains(_jira.Server.Requests, r => r.Method == "GET" && r.Query.Contains("startAt=100", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_ConfiguredMoment_TransitionsByTargetStatusName()
    {
        var notifier = Notifier(o => o.Transitions[NotificationMoment.FixProposed] = "In Review");

        await notifier.SendAsync(Notifications.For(Notifications.JiraReport()));

        Assert.Equal("In Review", _jira.Status("PROJ-7"));
        var transition = Assert.Single(_jira.Server.Requests, r => r.Method == "POST" && r.Path.EndsWith("/transitions", StringComparison.Ordinal));
        Assert.Equal("21", transition.Json["transition"]!["id"]!.GetValue<string>());
        Assert.Single(_jira.Comments("PROJ-7"));
    }

    [Fact]
    public async Task SendAsync_TransitionNotOffered_CommentsAnyway()
    {
        var notifier = Notifier(o => o.Transitions[NotificationMoment.FixProposed] = "Waiting for QA");

        await notifier.SendAsync(Notifications.For(Notifications.JiraReport()));

        Assert.Equal("To Do", _jira.Status("PROJ-7"));
        Assert.Single(_jira.Comments("PROJ-7"));
    }

    [Fact]
    public async Task SendAsync_WrongToken_FailsWith401AndNoToken()
    {
        var error = await Assert.ThrowsAsync<NotificationException>(() => Notifier(token: "wrong-token-value").SendAsync(Notifications.For(Notifications.JiraReport())));

        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.Contains("credentials", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-token-value", error.Message, StringComparison.Ordinal);
        Assert.Single(_jira.Server.Requests);
    }

    [Fact]
    public async Task SendAsync_UnknownIssue_FailsWith404AndJirasReason()
    {
        var error = await Assert.ThrowsAsync<NotificationException>(() => Notifier().SendAsync(Notifications.For(Notifications.JiraReport("PROJ-999"))));

        Assert.Contains("404", error.Message, StringComparison.Ordinal);
        Assert.Contains("Issue does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_RateLimitedOnce_WaitsAndSucceeds()
    {
        _jira.Server.Fail(ScriptedResponse.RateLimited(1));

        await Notifier().SendAsync(Notifications.For(Notifications.JiraReport()));

        Assert.Single(_jira.Comments("PROJ-7"));
        Assert.Equal(2, _jira.Server.Requests.Count(r => r.Method == "GET"));
    }

    [Fact]
    public async Task SendAsync_RateLimitedLongerThanAllowed_FailsAtOnce()
    {
        _jira.Server.Fail(ScriptedResponse.RateLimited(3600));

        var error = await Assert.ThrowsAsync<NotificationException>(() => Notifier().SendAsync(Notifications.For(Notifications.JiraReport())));

        Assert.Contains("429", error.Message, StringComparison.Ordinal);
        Assert.Contains("3600 s", error.Message, StringComparison.Ordinal);
        Assert.Single(_jira.Server.Requests);
    }

    [Fact]
    public async Task SendAsync_ServerErrorEveryTime_GivesUpAfterRetries()
    {
        var failure = ScriptedResponse.Json(500, """{"errorMessages":["Internal server error"],"errors":{}}""");
        _jira.Server.Fail(failure, failure, failure);

        var error = await Assert.ThrowsAsync<NotificationException>(() => Notifier().SendAsync(Notifications.For(Notifications.JiraReport())));

        Assert.Contains("500", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, _jira.Server.Requests.Count);
        Assert.Empty(_jira.Comments("PROJ-7"));
    }

    [Fact]
    public async Task SendAsync_CommentPostAnswered500_IsNotResentBlindlyAndTheNextSendPostsOnce()
    {
        var notification = Notifications.For(Notifications.JiraReport());
        // Jira may have stored the comment before failing: the notifier does not repeat the POST, a later send checks first.
        _jira.Server.FailNext(r => r.Method == "POST", ScriptedResponse.Json(500, """{"errorMessages":["Internal server error"],"errors":{}}"""));

        var error = await Assert.ThrowsAsync<NotificationException>(() => Notifier().SendAsync(notification));
        await Notifier().SendAsync(notification);

        Assert.Contains("500", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, _jira.Server.Requests.Count(r => r.Method == "POST"));
        Assert.Single(_jira.Comments("PROJ-7"));
    }

    [Fact]
    public async Task SendAsync_CommentPostRateLimited_IsRetried()
    {
        _jira.Server.FailNext(r => r.Method == "POST", ScriptedResponse.RateLimited(1));

        await Notifier().SendAsync(Notifications.For(Notifications.JiraReport()));

        Assert.Equal(2, _jira.Server.Requests.Count(r => r.Method == "POST"));
        Assert.Single(_jira.Comments("PROJ-7"));
    }

    [Fact]
    public async Task SendAsync_ServerNeverAnswers_TimesOut()
    {
        _jira.Server.Fail(ScriptedResponse.Never, ScriptedResponse.Never);

        var error = await Assert.ThrowsAsync<NotificationException>(() =>
            Notifier(o => { o.AttemptTimeout = TimeSpan.FromMilliseconds(300); o.MaxRetries = 1; }).SendAsync(Notifications.For(Notifications.JiraReport())));

        Assert.Contains("did not answer in time", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, _jira.Server.Requests.Count);
    }

    [Fact]
    public void AppliesTo_ReportFromElsewhereOrWithoutIssueKey_IsFalse()
    {
        var notifier = Notifier();

        Assert.True(notifier.AppliesTo(Notifications.For(Notifications.JiraReport())));
        Assert.False(notifier.AppliesTo(Notifications.For(Notifications.JiraReport() with { Source = "github" })));
        Assert.False(notifier.AppliesTo(Notifications.For(Notifications.JiraReport("../../admin"))));
        Assert.False(Notifier(o => o.Moments.Add(NotificationMoment.Merged)).AppliesTo(Notifications.For(Notifications.JiraReport())));
    }
}
