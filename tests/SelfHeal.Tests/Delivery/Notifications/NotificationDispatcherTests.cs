using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SelfHeal.Delivery.Notifications;
using SelfHeal.Delivery.Notifications.Webhook;
using SelfHeal.Runs;
using SelfHeal.Runs.Sqlite;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Delivery.Notifications;

public sealed class NotificationDispatcherTests : IAsyncLifetime
{
    private const string RunId = "r-20261123-0001";
    private readonly TempDirectory _folder = new();
    private readonly RecordingHttpServer _receiver = RecordingHttpServer.Start(_ => new ScriptedResponse(204));

    public async Task InitializeAsync() =>
        await Store().AppendAsync(RunId, new RunCreated(Notifications.JiraReport(), new RunTarget(_folder.Path, null, null, false)));

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        _folder.Dispose();
    }

    // A fresh store and dispatcher each time, on the same database: what a resumed run (or another worker) sees.
    private SqliteRunStore Store() => new(Options.Create(new SqliteRunStoreOptions { DatabasePath = _folder.Combine("runs.db") }), TimeProvider.System);

    private NotificationDispatcher Dispatcher(params INotifier[] extra)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IRunStore>(Store());
        foreach (var notifier in extra)
        {
            services.AddSingleton(notifier);
        }
        services.AddWebhookNotifier(o => o.Endpoints.Add(new WebhookEndpoint { Url = new Uri(_receiver.BaseUrl, "/hook").ToString(), Secret = "whsec-0123456789abcdef" }));
        services.AddNotificationDispatcher();
        return services.BuildServiceProvider().GetRequiredService<NotificationDispatcher>();
    }

    [Fact]
    public async Task DispatchAsync_OneNotifierFails_OthersStillSendAndEveryAttemptIsRecorded()
    {
        var results = await Dispatcher(new FailingNotifier("jira", new NotificationException("Jira answered 503 Service Unavailable: a server error, after retries.")),
            new FailingNotifier("slack", new InvalidOperationException("https://hooks.slack.com/commands/SECRET")))
            .DispatchAsync(Notifications.For(Notifications.JiraReport(), runId: RunId));

        Assert.Equal([("jira", NotificationOutcome.Failed), ("slack", NotificationOutcome.Failed), ("webhook", NotificationOutcome.Sent)], results.Select(r => (r.Notifier, r.Outcome)));
        Assert.Contains("503", results[0].Error, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", results[1].Error, StringComparison.Ordinal);
        Assert.Single(_receiver.Requests);
        var recorded = (await Store().GetAsync(RunId))!.State.Notifications;
        Assert.Equal([("jira", false), ("slack", false), ("webhook", true)], recorded.Select(n => (n.Notifier, n.Succeeded)));
        Assert.All(recorded, n => Assert.Equal("FixProposed", n.Moment));
        Assert.DoesNotContain(recorded, n => n.Error?.Contains("SECRET", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task DispatchAsync_ResumedRun_DoesNotSendAgainButRetriesWhatFailed()
    {
        var jira = new FailingNotifier("jira", new NotificationException("Jira could not be reached (ConnectionError), after retries."));
        var notification = Notifications.For(Notifications.JiraReport(), runId: RunId);
        await Dispatcher(jira).DispatchAsync(notification);

        jira.Failure = null;
        var results = await Dispatcher(jira).DispatchAsync(notification);

        Assert.Equal([("jira", NotificationOutcome.Sent), ("webhook", NotificationOutcome.AlreadySent)], results.Select(r => (r.Notifier, r.Outcome)));
        Assert.Single(_receiver.Requests);
        Assert.Equal(2, jira.Calls);
        var third = await Dispatcher(jira).DispatchAsync(notification);
        Assert.All(third, r => Assert.Equal(NotificationOutcome.AlreadySent, r.Outcome));
        Assert.Equal(2, jira.Calls);
    }

    [Fact]
    public async Task DispatchAsync_AnotherMoment_IsSentToo()
    {
        var dispatcher = Dispatcher();
        await dispatcher.DispatchAsync(Notifications.For(Notifications.JiraReport(), NotificationMoment.FixProposed, RunId));
        await dispatcher.DispatchAsync(Notifications.For(Notifications.JiraReport(), NotificationMoment.Merged, RunId));

        Assert.Equal(2, _receiver.Requests.Count);
    }

    [Fact]
    public async Task DispatchAsync_NotifierThatDoesNotApply_IsNotAsked()
    {
        var other = new FailingNotifier("github", null) { Applies = false };

        var results = await Dispatcher(other).DispatchAsync(Notifications.For(Notifications.JiraReport(), runId: RunId));

        Assert.Equal(["webhook"], results.Select(r => r.Notifier));
        Assert.Equal(0, other.Calls);
    }

    /// <summary>A notifier that throws what it is told to (or succeeds when told nothing), counting its calls.</summary>
    private sealed class FailingNotifier(string name, Exception? failure) : INotifier
    {
        public Exception? Failure { get; set; } = failure;

        public bool Applies { get; init; } = true;

        public int Calls { get; private set; }

        public string Name => name;

        public bool AppliesTo(Notification notification) => Applies;

        public Task SendAsync(Notification notification, CancellationToken cancellationToken = default)
        {
            Calls++;
            return Failure is null ? Task.CompletedTask : Task.FromException(Failure);
        }
    }
}
