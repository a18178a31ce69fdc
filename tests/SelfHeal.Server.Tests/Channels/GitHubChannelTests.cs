using System.Net;
using SelfHeal.Bugs;
using SelfHeal.Reports;

namespace SelfHeal.Server.Tests.Channels;

public sealed class GitHubChannelTests
{
    private static readonly byte[] Opened = Deliveries.Payload("github/issues-opened.json");

    [Fact]
    public async Task IssueOpened_Signed_StoresTheIssueAsABug()
    {
        using var server = new ServerFactory();
        var response = await server.CreateClient().SendAsync(Deliveries.GitHub("issues", Opened, "72d3162e-cc78-11e3-81ab-4c9367dc0958"));

        var json = await Problem.JsonAsync(response, HttpStatusCode.Accepted);
        Assert.Equal("accepted", json.GetProperty("status").GetString());
        var bugId = json.GetProperty("bugs")[0].GetProperty("bugId").GetString()!;
        var bug = await server.Bugs.GetAsync(bugId);
        Assert.NotNull(bug);
        Assert.Equal("Checkout total ignores the discount code", bug.Summary.Title);
        Assert.Equal(BugSeverity.High, bug.Summary.Severity);
        Assert.Equal(["github"], bug.Summary.Sources);
        var report = bug.FirstReport;
        Assert.Equal("mona", report.Reporter);
        Assert.Equal("octo-org/shop", report.Repository);
        Assert.Equal("octo-org/shop#42", report.ExternalId);
        Assert.Contains("SAVE10", report.Description, StringComparison.Ordinal);
        Assert.Equal(["bug", "severity:high"], report.Labels);
        Assert.Equal("https://github.com/octo-org/shop/issues/42", Assert.Single(report.Links).Url);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 14, 3, TimeSpan.Zero), report.OccurredAt);
        Assert.Equal(server.Time.GetUtcNow(), report.ReceivedAt);
    }

    [Fact]
    public async Task IssueOpened_Replayed_IsStoredOnce()
    {
        using var server = new ServerFactory();
        var client = server.CreateClient();
        await Problem.JsonAsync(await client.SendAsync(Deliveries.GitHub("issues", Opened, "delivery-1")), HttpStatusCode.Accepted);

        var replay = await Problem.JsonAsync(await client.SendAsync(Deliveries.GitHub("issues", Opened, "delivery-1")), HttpStatusCode.OK);

        Assert.Equal("duplicate", replay.GetProperty("status").GetString());
        var bug = Assert.Single(await server.Bugs.ListAsync(new BugQuery()));
        Assert.Equal(1, bug.OccurrenceCount);
    }

    [Fact]
    public async Task IssueOpened_ForgedSignature_IsRejectedAndNothingStored()
    {
        using var server = new ServerFactory();
        var forged = Deliveries.GitHub("issues", Opened, "delivery-2", secret: "not-the-secret");

        var detail = await Problem.AssertAsync(await server.CreateClient().SendAsync(forged), HttpStatusCode.Unauthorized);

        Assert.Contains("X-Hub-Signature-256 does not match", detail, StringComparison.Ordinal);
        Assert.Empty(await server.Bugs.ListAsync(new BugQuery()));
    }

    [Fact]
    public async Task IssueOpened_BodyChangedAfterSigning_IsRejected()
    {
        using var server = new ServerFactory();
        var request = Deliveries.GitHub("issues", Opened, "delivery-3");
        var tampered = Deliveries.With(Opened, "SAVE10", "SAVE99");
        request.Content = new ByteArrayContent(tampered) { Headers = { ContentType = new("application/json") } };

        await Problem.AssertAsync(await server.CreateClient().SendAsync(request), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task IssueOpened_MissingSignature_IsRejectedWithWhatToDo()
    {
        using var server = new ServerFactory();
        var request = Deliveries.GitHub("issues", Opened, "delivery-4");
        request.Headers.Remove("X-Hub-Signature-256");

        var detail = await Problem.AssertAsync(await server.CreateClient().SendAsync(request), HttpStatusCode.Unauthorized);

        Assert.Contains("Missing X-Hub-Signature-256", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delivery_SignedButNotJson_IsMalformed()
    {
        using var server = new ServerFactory();
        var detail = await Problem.AssertAsync(await server.CreateClient().SendAsync(Deliveries.GitHub("issues", "{\"action\": \"opened\", "u8.ToArray(), "d-5")), HttpStatusCode.BadRequest);
        Assert.Contains("not valid JSON", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delivery_SignedWithoutIssue_IsMalformed()
    {
        using var server = new ServerFactory();
        var detail = await Problem.AssertAsync(await server.CreateClient().SendAsync(Deliveries.GitHub("issues", "{\"action\":\"opened\"}"u8.ToArray(), "d-6")), HttpStatusCode.BadRequest);
        Assert.Contains("'issue'", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delivery_Oversized_IsRefusedBeforeItIsRead()
    {
        using var server = new ServerFactory(new Dictionary<string, string?> { ["Limits:MaxWebhookBytes"] = "4096" });
        var big = Deliveries.With(Opened, "SAVE10", new string('x', 8000));

        var detail = await Problem.AssertAsync(await server.CreateClient().SendAsync(Deliveries.GitHub("issues", big, "d-7")), HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("4096 bytes", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssueOpened_OtherRepository_IsIgnored()
    {
        using var server = new ServerFactory();
        var other = Deliveries.With(Opened, "\"full_name\": \"octo-org/shop\"", "\"full_name\": \"someone/else\"");

        var json = await Problem.JsonAsync(await server.CreateClient().SendAsync(Deliveries.GitHub("issues", other, "d-8")), HttpStatusCode.OK);

        Assert.Equal("ignored", json.GetProperty("status").GetString());
        Assert.Contains("someone/else", json.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(await server.Bugs.ListAsync(new BugQuery()));
    }

    [Fact]
    public async Task IssueOpened_WithoutConfiguredLabel_IsIgnored_AndLabelingItTakesIt()
    {
        using var server = new ServerFactory(new Dictionary<string, string?> { ["Channels:GitHub:Labels:0"] = "selfheal" });
        var client = server.CreateClient();

        var opened = await Problem.JsonAsync(await client.SendAsync(Deliveries.GitHub("issues", Opened, "d-9")), HttpStatusCode.OK);
        Assert.Equal("ignored", opened.GetProperty("status").GetString());

        var labeled = await Problem.JsonAsync(await client.SendAsync(Deliveries.GitHub("issues", Deliveries.Payload("github/issues-labeled.json"), "d-10")), HttpStatusCode.Accepted);
        Assert.Equal("created", labeled.GetProperty("bugs")[0].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task IssueComment_WithCommand_TakesTheIssue_AndOpenedIssueBecomesOccurrence()
    {
        using var server = new ServerFactory();
        var client = server.CreateClient();
        await Problem.JsonAsync(await client.SendAsync(Deliveries.GitHub("issues", Opened, "d-11")), HttpStatusCode.Accepted);

        var json = await Problem.JsonAsync(await client.SendAsync(Deliveries.GitHub("issue_comment", Deliveries.Payload("github/issue-comment-command.json"), "d-12")), HttpStatusCode.Accepted);

        var answer = json.GetProperty("bugs")[0];
        Assert.Equal("occurrence", answer.GetProperty("outcome").GetString());
        var bug = await server.Bugs.GetAsync(answer.GetProperty("bugId").GetString()!);
        Assert.Equal(2, bug!.Summary.OccurrenceCount);
        Assert.Equal("hubot", bug.Occurrences[0].Report.Reporter);
        Assert.Contains(bug.Occurrences[0].Report.Links, l => l.Title == "comment");
    }

    [Fact]
    public async Task IssueComment_WithoutCommand_IsIgnored()
    {
        using var server = new ServerFactory();
        var plain = Deliveries.With(Deliveries.Payload("github/issue-comment-command.json"), "/selfheal please", "could someone");

        var json = await Problem.JsonAsync(await server.CreateClient().SendAsync(Deliveries.GitHub("issue_comment", plain, "d-13")), HttpStatusCode.OK);

        Assert.Equal("ignored", json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ping_IsAnswered()
    {
        using var server = new ServerFactory();
        var json = await Problem.JsonAsync(await server.CreateClient().SendAsync(Deliveries.GitHub("ping", Deliveries.Payload("github/ping.json"), "d-14")), HttpStatusCode.OK);
        Assert.Equal("pong", json.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Channel_WithoutSecret_IsNotConfigured()
    {
        using var server = new ServerFactory(new Dictionary<string, string?> { ["Channels:GitHub:Secret"] = "" });
        var detail = await Problem.AssertAsync(await server.CreateClient().SendAsync(Deliveries.GitHub("issues", Opened, "d-15")), HttpStatusCode.NotFound);
        Assert.Contains("Channels:GitHub:Secret", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownChannel_ListsTheChannels()
    {
        using var server = new ServerFactory();
        var detail = await Problem.AssertAsync(await server.CreateClient().SendAsync(Deliveries.Json("/channels/pagerduty", "{}"u8.ToArray())), HttpStatusCode.NotFound);
        Assert.Contains("github, slack, jira, sentry, alertmanager", detail, StringComparison.Ordinal);
    }
}
