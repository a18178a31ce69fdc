using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SelfHeal.Bugs;
using SelfHeal.Reports;

namespace SelfHeal.Server.Tests.Channels;

public sealed class AlertmanagerChannelTests
{
    private static readonly byte[] Firing = Deliveries.Payload("alertmanager/firing.json");
    private static readonly AuthenticationHeaderValue Bearer = new("Bearer", ServerFactory.AlertmanagerToken);

    [Fact]
    public async Task Firing_WithBearerToken_StoresEachFiringAlert()
    {
        using var server = new ServerFactory();
        var json = await Problem.JsonAsync(await server.CreateClient().SendAsync(Deliveries.Alertmanager(Firing, Bearer)), HttpStatusCode.Accepted);

        Assert.Equal(2, json.GetProperty("bugs").GetArrayLength());
        var first = await server.Bugs.GetAsync(json.GetProperty("bugs")[0].GetProperty("bugId").GetString()!);
        Assert.Equal(BugSeverity.Critical, first!.Summary.Severity);
        var report = first.Occurrences[^1].Report;
        Assert.Equal("Checkout 5xx rate above 5% on checkout-7d9f8:8080", report.Title);
        Assert.Equal("12.5% of checkout requests failed in the last 5 minutes.", report.Description);
        Assert.Contains("severity=critical", report.Labels);
        Assert.Equal("shop", report.Environment["namespace"]);
        Assert.Contains(report.Links, l => l.Title == "runbook");
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 16, 1, 0, TimeSpan.Zero), report.OccurredAt);
    }

    [Fact]
    public async Task Firing_RepeatedNotification_IsStoredOnce()
    {
        using var server = new ServerFactory();
        var client = server.CreateClient();
        await client.SendAsync(Deliveries.Alertmanager(Firing, Bearer));
        var stored = (await server.Bugs.ListAsync(new BugQuery())).Sum(b => b.OccurrenceCount);

        var json = await Problem.JsonAsync(await client.SendAsync(Deliveries.Alertmanager(Firing, Bearer)), HttpStatusCode.OK);

        Assert.Equal("duplicate", json.GetProperty("status").GetString());
        Assert.Equal(stored, (await server.Bugs.ListAsync(new BugQuery())).Sum(b => b.OccurrenceCount));
    }

    [Fact]
    public async Task Firing_SameAlertStartingAgain_IsANewOccurrence()
    {
        using var server = new ServerFactory();
        var client = server.CreateClient();
        await client.SendAsync(Deliveries.Alertmanager(Firing, Bearer));
        var later = Deliveries.With(Firing, "2026-11-20T16:01:00.000Z", "2026-11-20T18:30:00.000Z");

        var json = await Problem.JsonAsync(await client.SendAsync(Deliveries.Alertmanager(later, Bearer)), HttpStatusCode.Accepted);

        Assert.Equal("accepted", json.GetProperty("status").GetString());
        Assert.Contains(json.GetProperty("bugs").EnumerateArray(), b => b.GetProperty("outcome").GetString() == "occurrence");
    }

    [Fact]
    public async Task Firing_WithBasicAuth_IsAccepted()
    {
        using var server = new ServerFactory();
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("alertmanager:s3cret-pass")));
        await Problem.JsonAsync(await server.CreateClient().SendAsync(Deliveries.Alertmanager(Firing, basic)), HttpStatusCode.Accepted);
    }

    [Theory]
    [InlineData("Bearer", "am-token-0123456788")]
    [InlineData("Basic", "YWxlcnRtYW5hZ2VyOndyb25n")]
    public async Task Firing_WrongCredentials_IsRejected(string scheme, string value)
    {
        using var server = new ServerFactory();
        var detail = await Problem.AssertAsync(await server.CreateClient().SendAsync(Deliveries.Alertmanager(Firing, new AuthenticationHeaderValue(scheme, value))), HttpStatusCode.Unauthorized);
        Assert.Contains("credentials are wrong", detail, StringComparison.Ordinal);
        Assert.Empty(await server.Bugs.ListAsync(new BugQuery()));
    }

    [Fact]
    public async Task Firing_WithoutCredentials_SaysWhatToConfigure()
    {
        using var server = new ServerFactory();
        var detail = await Problem.AssertAsync(await server.CreateClient().SendAsync(Deliveries.Alertmanager(Firing, null)), HttpStatusCode.Unauthorized);
        Assert.Contains("http_config", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Payload_Version3_IsMalformed()
    {
        using var server = new ServerFactory();
        var old = Deliveries.With(Firing, "\"version\": \"4\"", "\"version\": \"3\"");
        var detail = await Problem.AssertAsync(await server.CreateClient().SendAsync(Deliveries.Alertmanager(old, Bearer)), HttpStatusCode.BadRequest);
        Assert.Contains("version '3'", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyResolvedAlerts_AreIgnored()
    {
        using var server = new ServerFactory();
        var resolved = Deliveries.With(Firing, "\"status\": \"firing\",\n      \"labels\"", "\"status\": \"resolved\",\n      \"labels\"");
        var json = await Problem.JsonAsync(await server.CreateClient().SendAsync(Deliveries.Alertmanager(resolved, Bearer)), HttpStatusCode.OK);
        Assert.Equal("ignored", json.GetProperty("status").GetString());
    }
}
