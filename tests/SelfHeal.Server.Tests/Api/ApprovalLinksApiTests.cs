using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SelfHeal.Decisions;
using SelfHeal.Delivery.Notifications.Approvals;
using SelfHeal.Reports;
using SelfHeal.Runs;

namespace SelfHeal.Server.Tests.Api;

/// <summary>The signed approve and reject links: opening one only shows the fix; pressing its button records the review.</summary>
public sealed class ApprovalLinksApiTests
{
    private const string RunId = "20261120-160000-link";

    private static async Task<ServerFactory> ServerAsync()
    {
        var server = new ServerFactory(new Dictionary<string, string?>
        {
            ["Notifications:Approvals:BaseUrl"] = "https://selfheal.example.com",
            ["Notifications:Approvals:Secret"] = "approval-secret-0123456789abcdef",
        });
        _ = server.CreateClient();
        var store = server.Services.GetRequiredService<IRunStore>();
        await store.AppendAsync(RunId, new RunCreated(new BugReport("Cart total is <b>wrong</b>"), new RunTarget("/srv/shop", null, null, false)));
        await store.AppendAsync(RunId, new DecisionMade(new Decision(DecisionAction.OneReview, "matrix:high/medium", "default", "a reviewer should look",
            new ConfidenceAssessment(0.8, ConfidenceBand.High, []), new RiskAssessment(RiskLevel.Medium, []), [])));
        await store.AppendAsync(RunId, new FixDelivered($"selfheal/{RunId}", "0123456789abcdef0123456789abcdef01234567", "/reports/x.md"));
        await store.AppendAsync(RunId, new RunFinished(RunOutcome.Completed, "all stages completed"));
        return server;
    }

    private static string Link(ServerFactory server, ApprovalAction action) =>
        server.Services.GetRequiredService<ApprovalLinks>().Create(RunId, action).PathAndQuery;

    [Fact]
    public async Task Open_ShowsTheFixAndAButton_WithoutRecordingAnything()
    {
        using var server = await ServerAsync();
        var client = server.CreateClient();

        var response = await client.GetAsync(Link(server, ApprovalAction.Approve));
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<form method=\"post\"><button type=\"submit\">Approve this fix</button></form>", page, StringComparison.Ordinal);
        Assert.Contains("Cart total is &lt;b&gt;wrong&lt;/b&gt;", page, StringComparison.Ordinal);
        Assert.Empty((await server.Services.GetRequiredService<IRunStore>().GetAsync(RunId))!.State.Reviews);
    }

    [Fact]
    public async Task Press_RecordsTheApproval_OnceEvenWhenPressedTwice()
    {
        using var server = await ServerAsync();
        var client = server.CreateClient();
        var link = Link(server, ApprovalAction.Approve);

        var first = await client.PostAsync(link, null);
        var second = await client.PostAsync(link, null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var review = Assert.Single((await server.Services.GetRequiredService<IRunStore>().GetAsync(RunId))!.State.Reviews);
        Assert.True(review.Approved);
        Assert.Equal(("signed link", "link"), (review.Reviewer, review.Via));
    }

    [Fact]
    public async Task TamperedExpiredOrOtherAction_IsRefusedWithWhy()
    {
        using var server = await ServerAsync();
        var client = server.CreateClient();
        var approve = Link(server, ApprovalAction.Approve);

        var tampered = await client.PostAsync(approve.Replace("sig=", "sig=0", StringComparison.Ordinal)[..^1], null);
        var otherAction = await client.PostAsync(approve.Replace("/approve?", "/reject?", StringComparison.Ordinal), null);
        server.Time.Advance(TimeSpan.FromDays(4));
        var expired = await client.PostAsync(approve, null);

        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        Assert.Contains("does not match", await tampered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, otherAction.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.Contains("expired", await expired.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty((await server.Services.GetRequiredService<IRunStore>().GetAsync(RunId))!.State.Reviews);
    }

    [Fact]
    public async Task LinksNotConfigured_SaysSo()
    {
        using var server = new ServerFactory();
        var response = await server.CreateClient().GetAsync($"/api/v1/approvals/{RunId}/approve?expires=1&sig=00");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Notifications:Approvals:Secret", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
