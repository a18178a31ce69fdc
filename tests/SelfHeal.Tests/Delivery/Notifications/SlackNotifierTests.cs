using SelfHeal.Delivery.Notifications;
using SelfHeal.Delivery.Notifications.Slack;
using SelfHeal.Reports;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Delivery.Notifications;

public sealed class SlackNotifierTests : IAsyncLifetime
{
    private const string ResponsePath = "/commands/T0001/1234567890/AbCdEfGhIjKlMnOpQrStUvWx";
    private const string WebhookPath = "/services/T0001/B0002/XXXXXXXXXXXXXXXXXXXXXXXX";

    // Slack answers a response_url and an incoming webhook with 200 and the text "ok".
    private readonly RecordingHttpServer _slack = RecordingHttpServer.Start(_ => new ScriptedResponse(200, "ok", "text/html"));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    private string Url(string path) => new Uri(_slack.BaseUrl, path).ToString();

    private INotifier Notifier(bool webhook = false, Action<SlackNotifierOptions>? configure = null)
    {
        var (_, notifier) = Notifications.Build(s => s.AddSlackNotifier(o =>
        {
            o.ResponseUrlPrefixes.Add(_slack.BaseUrl.ToString());
            o.WebhookUrl = webhook ? Url(WebhookPath) : null;
            o.RetryDelay = TimeSpan.FromMilliseconds(10);
            o.MaxRetries = 2;
            configure?.Invoke(o);
        }));
        return notifier;
    }

    private BugReport SlackReport(string? replyTo = null) =>
        new("Checkout <!channel> crashes & burns") { Source = "slack", Reporter = "alice", ReplyTo = replyTo ?? Url(ResponsePath) };

    [Fact]
    public async Task SendAsync_SlashCommandReport_RepliesInChannelThroughResponseUrl()
    {
        var notification = Notifications.For(SlackReport()) with { ApproveUrl = "https://selfheal.example.com/a", RejectUrl = "https://selfheal.example.com/r" };

        await Notifier(webhook: true).SendAsync(notification);

        var request = Assert.Single(_slack.Requests);
        Assert.Equal(ResponsePath, request.Path);
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        var body = request.Json;
        Assert.Equal("in_channel", body["response_type"]!.GetValue<string>());
        Assert.False(body["replace_original"]!.GetValue<bool>());
        Assert.Contains("SelfHeal proposes a fix.", body["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var section = body["blocks"]![0]!["text"]!["text"]!.GetValue<string>();
        Assert.Contains("Checkout &lt;!channel&gt; crashes &amp; burns", section, StringComparison.Ordinal);
        Assert.Contains("<https://github.com/octo/shop/pull/42|The fix>", section, StringComparison.Ordinal);
        var buttons = body["blocks"]![1]!["elements"]!.AsArray();
        Assert.Equal(["https://selfheal.example.com/a", "https://selfheal.example.com/r"], buttons.Select(b => b!["url"]!.GetValue<string>()));
    }

    [Fact]
    public async Task SendAsync_ReportFromElsewhere_PostsToWebhook()
    {
        await Notifier(webhook: true).SendAsync(Notifications.For(Notifications.JiraReport()));

        var request = Assert.Single(_slack.Requests);
        Assert.Equal(WebhookPath, request.Path);
        Assert.Null(request.Json["response_type"]);
    }

    [Fact]
    public void AppliesTo_ResponseUrlOutsideAllowedPrefixes_IsFalseWithoutWebhook()
    {
        var notifier = Notifier();

        Assert.True(notifier.AppliesTo(Notifications.For(SlackReport())));
        Assert.False(notifier.AppliesTo(Notifications.For(SlackReport("http://169.254.169.254/latest/meta-data/"))));
        Assert.False(notifier.AppliesTo(Notifications.For(Notifications.JiraReport())));
    }

    [Fact]
    public async Task SendAsync_ResponseUrlExpired_FallsBackToWebhook()
    {
        _slack.Fail(new ScriptedResponse(404, "expired_url", "text/html"));

        await Notifier(webhook: true).SendAsync(Notifications.For(SlackReport()));

        Assert.Equal([ResponsePath, WebhookPath], _slack.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task SendAsync_RateLimitedOnce_WaitsAndSucceeds()
    {
        _slack.Fail(ScriptedResponse.RateLimited(1));

        await Notifier().SendAsync(Notifications.For(SlackReport()));

        Assert.Equal(2, _slack.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_ServerErrorEveryTime_FailsWithoutTheUrl()
    {
        var failure = new ScriptedResponse(500, "internal_error", "text/html");
        _slack.Fail(failure, failure, failure);

        var error = await Assert.ThrowsAsync<NotificationException>(() => Notifier().SendAsync(Notifications.For(SlackReport())));

        Assert.Contains("500", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AbCdEf", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("/commands/", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, _slack.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_WebhookRefused_FailsWithSlacksCode()
    {
        _slack.Fail(new ScriptedResponse(404, "no_service", "text/html"));

        var error = await Assert.ThrowsAsync<NotificationException>(() => Notifier(webhook: true).SendAsync(Notifications.For(Notifications.JiraReport())));

        Assert.Contains("no_service", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("XXXXXXXX", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ServerNeverAnswers_TimesOut()
    {
        _slack.Fail(ScriptedResponse.Never, ScriptedResponse.Never);

        var error = await Assert.ThrowsAsync<NotificationException>(() =>
            Notifier(configure: o => { o.AttemptTimeout = TimeSpan.FromMilliseconds(300); o.MaxRetries = 1; }).SendAsync(Notifications.For(SlackReport())));

        Assert.Contains("did not answer in time", error.Message, StringComparison.Ordinal);
    }
}
