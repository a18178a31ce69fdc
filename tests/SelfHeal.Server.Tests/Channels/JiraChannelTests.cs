using System.Net;
using SelfHeal.Reports;

namespace SelfHeal.Server.Tests.Channels;

public sealed class JiraChannelTests
{
    private static readonly byte[] Created = Deliveries.Payload("jira/issue-created.json");

    [Fact]
    public async Task IssueCreated_Signed_StoresTheIssue()
    {
        using var server = new ServerFactory();
        var json = await Problem.JsonAsync(await server.CreateClient().SendAsync(Deliveries.Jira(Created, "wh-1")), HttpStatusCode.Accepted);

        var bug = await server.Bugs.GetAsync(json.GetProperty("bugs")[0].GetProperty("bugId").GetString()!);
        Assert.Equal("Refund emails are sent twice", bug!.Summary.Title);
        Assert.Equal(BugPriority.High, bug.Summary.Priority);
        Assert.Equal(BugSeverity.High, bug.Summary.Severity);
        var report = bug.FirstReport;
        Assert.Equal("SHOP-17", report.ExternalId);
        Assert.Equal("Dana Scully", report.Reporter);
        Assert.Equal("https://acme.atlassian.net/browse/SHOP-17", Assert.Single(report.Links).Url);
        Assert.Equal("production, eu-west-1", report.Environment["environment"]);
        Assert.Equal(["payments", "sev2"], report.Labels);
    }

    [Fact]
    public async Task IssueUpdated_WithDocumentFormatDescription_IsAnOccurrenceOfTheSameBug()
    {
        using var server = new ServerFactory();
        var client = server.CreateClient();
        await client.SendAsync(Deliveries.Jira(Created, "wh-2"));

        var json = await Problem.JsonAsync(await client.SendAsync(Deliveries.Jira(Deliveries.Payload("jira/issue-updated-adf.json"), "wh-3")), HttpStatusCode.Accepted);

        Assert.Equal("occurrence", json.GetProperty("bugs")[0].GetProperty("outcome").GetString());
        var bug = await server.Bugs.GetAsync(json.GetProperty("bugs")[0].GetProperty("bugId").GetString()!);
        Assert.Equal("Customers receive two refund confirmation emails for every refund since Monday.\nOrder 8812 is an example.", bug!.Occurrences[0].Report.Description);
    }

    [Fact]
    public async Task IssueCreated_Replayed_IsStoredOnce()
    {
        using var server = new ServerFactory();
        var client = server.CreateClient();
        await client.SendAsync(Deliveries.Jira(Created, "wh-4"));
        var json = await Problem.JsonAsync(await client.SendAsync(Deliveries.Jira(Created, "wh-4")), HttpStatusCode.OK);
        Assert.Equal("duplicate", json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task IssueCreated_WithoutIdentifier_ReplayIsStillRecognized()
    {
        using var server = new ServerFactory();
        var client = server.CreateClient();
        await client.SendAsync(Deliveries.Jira(Created, identifier: null));
        var json = await Problem.JsonAsync(await client.SendAsync(Deliveries.Jira(Created, identifier: null)), HttpStatusCode.OK);
        Assert.Equal("duplicate", json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task IssueCreated_WrongSecret_IsRejected()
    {
        using var server = new ServerFactory();
        var detail = await Problem.AssertAsync(await server.CreateClient().SendAsync(Deliveries.Jira(Created, "wh-5", secret: "guess")), HttpStatusCode.Unauthorized);
        Assert.Contains("X-Hub-Signature does not match", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssueCreated_UnsignedWhenASecretIsSet_IsRejected()
    {
        using var server = new ServerFactory();
        var detail = await Problem.AssertAsync(await server.CreateClient().SendAsync(Deliveries.Jira(Created, "wh-6", secret: null)), HttpStatusCode.Unauthorized);
        Assert.Contains("Missing X-Hub-Signature", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssueCreated_UnsignedAndAllowed_IsAccepted()
    {
        using var server = new ServerFactory(new Dictionary<string, string?> { ["Channels:Jira:Secret"] = "", ["Channels:Jira:AllowUnsigned"] = "true" });
        await Problem.JsonAsync(await server.CreateClient().SendAsync(Deliveries.Jira(Created, "wh-7", secret: null)), HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task CommentCreated_IsIgnored()
    {
        using var server = new ServerFactory();
        var json = await Problem.JsonAsync(await server.CreateClient().SendAsync(Deliveries.Jira(Deliveries.Payload("jira/comment-created.json"), "wh-8")), HttpStatusCode.OK);
        Assert.Equal("ignored", json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task IssueCreated_OtherProject_IsIgnored()
    {
        using var server = new ServerFactory(new Dictionary<string, string?> { ["Channels:Jira:Projects:0"] = "OPS" });
        var json = await Problem.JsonAsync(await server.CreateClient().SendAsync(Deliveries.Jira(Created, "wh-9")), HttpStatusCode.OK);
        Assert.Contains("SHOP", json.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }
}
