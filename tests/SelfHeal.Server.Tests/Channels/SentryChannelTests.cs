using System.Net;
using SelfHeal.Bugs;
using SelfHeal.Reports;

namespace SelfHeal.Server.Tests.Channels;

public sealed class SentryChannelTests
{
    private static readonly byte[] Alert = Deliveries.Payload("sentry/event-alert.json");

    [Fact]
    public async Task EventAlert_Signed_StoresTheExceptionAsAStackTraceWithAFingerprint()
    {
        using var server = new ServerFactory();
        var json = await Problem.JsonAsync(await server.CreateClient().SendAsync(Deliveries.Sentry(Alert)), HttpStatusCode.Accepted);

        var bug = await server.Bugs.GetAsync(json.GetProperty("bugs")[0].GetProperty("bugId").GetString()!);
        Assert.Equal("TypeError: Cannot read properties of undefined (reading 'value')", bug!.Summary.Title);
        Assert.Equal(BugSeverity.High, bug.Summary.Severity);
        Assert.NotNull(bug.Summary.Fingerprint);
        var report = bug.FirstReport;
        Assert.StartsWith("TypeError: Cannot read properties of undefined (reading 'value')\n    at applyDiscount (webpack:///./src/cart/discount.js:14:22)", report.StackTrace, StringComparison.Ordinal);
        Assert.Equal("production", report.Environment["environment"]);
        Assert.Equal("shop@2.14.0", report.Environment["release"]);
        Assert.Equal("sentry:4521000017", report.ExternalId);
        Assert.Contains(report.Links, l => l.Url == "https://sentry.io/organizations/acme/issues/4521000017/events/ec2c2a4e3a9c4b0a9dd9d2a2e1e5b2f1/");
        Assert.Contains("Alert rule: Checkout errors", report.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventAlert_SameCrashAgain_IsAnOccurrenceByFingerprint()
    {
        using var server = new ServerFactory();
        var client = server.CreateClient();
        await client.SendAsync(Deliveries.Sentry(Alert));
        // Another event of the same crash: new id, another line and message, same frames.
        var again = Deliveries.With(Deliveries.With(Alert, "ec2c2a4e3a9c4b0a9dd9d2a2e1e5b2f1", "0a1b2c3d4e5f40718293a4b5c6d7e8f9"), "\"lineno\": 14", "\"lineno\": 15");

        var json = await Problem.JsonAsync(await client.SendAsync(Deliveries.Sentry(again)), HttpStatusCode.Accepted);

        Assert.Equal("occurrence", json.GetProperty("bugs")[0].GetProperty("outcome").GetString());
        Assert.Equal(2, json.GetProperty("bugs")[0].GetProperty("occurrences").GetInt32());
    }

    [Fact]
    public async Task EventAlert_Replayed_IsStoredOnce()
    {
        using var server = new ServerFactory();
        var client = server.CreateClient();
        await client.SendAsync(Deliveries.Sentry(Alert));
        var json = await Problem.JsonAsync(await client.SendAsync(Deliveries.Sentry(Alert)), HttpStatusCode.OK);
        Assert.Equal("duplicate", json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task EventAlert_ForgedSignature_IsRejected()
    {
        using var server = new ServerFactory();
        var detail = await Problem.AssertAsync(await server.CreateClient().SendAsync(Deliveries.Sentry(Alert, secret: "wrong")), HttpStatusCode.Unauthorized);
        Assert.Contains("Sentry-Hook-Signature does not match", detail, StringComparison.Ordinal);
        Assert.Empty(await server.Bugs.ListAsync(new BugQuery()));
    }

    [Fact]
    public async Task EventAlert_SignatureNotHex_IsRejected()
    {
        using var server = new ServerFactory();
        var request = Deliveries.Sentry(Alert);
        request.Headers.Remove("Sentry-Hook-Signature");
        request.Headers.Add("Sentry-Hook-Signature", new string('z', 64));
        await Problem.AssertAsync(await server.CreateClient().SendAsync(request), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task InstallationResource_IsIgnored()
    {
        using var server = new ServerFactory();
        var json = await Problem.JsonAsync(await server.CreateClient().SendAsync(Deliveries.Sentry("{\"action\":\"created\"}"u8.ToArray(), resource: "installation")), HttpStatusCode.OK);
        Assert.Equal("ignored", json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task EventAlert_WithoutEvent_IsMalformed()
    {
        using var server = new ServerFactory();
        var detail = await Problem.AssertAsync(await server.CreateClient().SendAsync(Deliveries.Sentry("{\"action\":\"triggered\",\"data\":{}}"u8.ToArray())), HttpStatusCode.BadRequest);
        Assert.Contains("data.event", detail, StringComparison.Ordinal);
    }
}
