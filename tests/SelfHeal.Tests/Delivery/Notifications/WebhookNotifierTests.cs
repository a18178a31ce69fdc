using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SelfHeal.Delivery.Notifications;
using SelfHeal.Delivery.Notifications.Webhook;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Delivery.Notifications;

public sealed class WebhookNotifierTests : IAsyncLifetime
{
    private const string Secret = "whsec-0123456789abcdef";
    private readonly RecordingHttpServer _receiver = RecordingHttpServer.Start(r => r.Path == "/broken" ? new ScriptedResponse(410, "gone", "text/plain") : new ScriptedResponse(204));
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-23T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    // The retry delays run on the container's TimeProvider too: tests that retry keep the system clock.
    private INotifier Notifier(params string[] paths) => Notifier(TimeProvider.System, paths);

    private INotifier Notifier(TimeProvider time, params string[] paths)
    {
        var (_, notifier) = Notifications.Build(s =>
        {
            s.AddSingleton(time);
            s.AddWebhookNotifier(o =>
            {
                foreach (var path in paths)
                {
                    o.Endpoints.Add(new WebhookEndpoint { Url = new Uri(_receiver.BaseUrl, path).ToString(), Secret = Secret });
                }
                o.RetryDelay = TimeSpan.FromMilliseconds(10);
                o.MaxRetries = 2;
            });
        });
        return notifier;
    }

    [Fact]
    public async Task SendAsync_Endpoint_PostsSignedJson()
    {
        var notification = Notifications.For(Notifications.JiraReport());

        await Notifier(_time, "/hooks/selfheal").SendAsync(notification);

        var request = Assert.Single(_receiver.Requests);
        Assert.Equal("/hooks/selfheal", request.Path);
        Assert.Equal(notification.IdempotencyKey("webhook"), request.Header("X-SelfHeal-Delivery"));
        var timestamp = request.Header("X-SelfHeal-Timestamp");
        Assert.Equal(_time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), timestamp);
        // What a receiver does: HMAC-SHA256 over "{timestamp}.{raw body}" with the shared secret.
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(timestamp + "." + request.Text)));
        Assert.Equal(expected, request.Header("X-SelfHeal-Signature"));
        var body = request.Json;
        Assert.Equal("fixProposed", body["moment"]!.GetValue<string>());
        Assert.Equal(notification.RunId, body["runId"]!.GetValue<string>());
        Assert.Equal("PROJ-7", body["bug"]!["externalId"]!.GetValue<string>());
        Assert.Equal("jira", body["bug"]!["source"]!.GetValue<string>());
        Assert.Equal(notification.Report.Title, body["bug"]!["title"]!.GetValue<string>());
        Assert.Equal(notification.Summary, body["summary"]!.GetValue<string>());
        Assert.Equal("https://github.com/octo/shop/pull/42", body["pullRequestUrl"]!.GetValue<string>());
    }

    [Fact]
    public async Task SendAsync_OneEndpointRefuses_OthersStillGetItAndTheFailureNamesItsPosition()
    {
        var error = await Assert.ThrowsAsync<NotificationException>(() => Notifier("/broken", "/ok").SendAsync(Notifications.For(Notifications.JiraReport())));

        Assert.Contains("Webhook endpoint 0 answered 410", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("/broken", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("gone", error.Message, StringComparison.Ordinal);
        Assert.Equal(["/broken", "/ok"], _receiver.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task SendAsync_ServerErrorsThenOk_RetriesWithTheSameDelivery()
    {
        var failure = new ScriptedResponse(503, "busy", "text/plain");
        _receiver.Fail(failure, failure);

        await Notifier("/hooks/selfheal").SendAsync(Notifications.For(Notifications.JiraReport()));

        Assert.Equal(3, _receiver.Requests.Count);
        Assert.Single(_receiver.Requests.Select(r => r.Header("X-SelfHeal-Delivery")).Distinct());
    }

    [Fact]
    public async Task SendAsync_Redirected_DoesNotFollow()
    {
        _receiver.Fail(new ScriptedResponse(302, "", "text/plain", new Dictionary<string, string> { ["Location"] = "/elsewhere" }));

        var error = await Assert.ThrowsAsync<NotificationException>(() => Notifier("/hooks/selfheal").SendAsync(Notifications.For(Notifications.JiraReport())));

        Assert.Contains("302", error.Message, StringComparison.Ordinal);
        Assert.Equal(["/hooks/selfheal"], _receiver.Requests.Select(r => r.Path));
    }

    [Fact]
    public void AppliesTo_NoEndpoint_IsFalse() =>
        Assert.False(Notifier().AppliesTo(Notifications.For(Notifications.JiraReport())));
}
