using System.Net;
using SelfHeal.Bugs;

namespace SelfHeal.Server.Tests.Channels;

public sealed class SlackChannelTests
{
    private static readonly byte[] Command = Deliveries.Payload("slack/bug-command.txt");

    [Fact]
    public async Task BugCommand_Signed_IsAcknowledgedWithTheBugId()
    {
        using var server = new ServerFactory();
        var response = await server.CreateClient().SendAsync(Deliveries.Slack(Command, server.Time.GetUtcNow()));

        var json = await Problem.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("ephemeral", json.GetProperty("response_type").GetString());
        var bug = Assert.Single(await server.Bugs.ListAsync(new BugQuery()));
        Assert.Equal($"Thanks! Recorded as {bug.Id}.", json.GetProperty("text").GetString());
        Assert.Equal("Search returns 500 for queries with an apostrophe", bug.Title);
        var details = await server.Bugs.GetAsync(bug.Id);
        Assert.Equal("It started after this morning's deploy.", details!.FirstReport.Description);
        Assert.Equal("Steve", details.FirstReport.Reporter);
        Assert.Equal("example", details.FirstReport.Environment["slack.team"]);
        Assert.Equal(["slack"], bug.Sources);
    }

    [Fact]
    public async Task BugCommand_ResponseUrl_IsStoredForRepliesButNeverShown()
    {
        using var server = new ServerFactory();
        var answer = await server.CreateClient().SendAsync(Deliveries.Slack(Command, server.Time.GetUtcNow()));

        Assert.DoesNotContain("hooks.slack.com", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var bug = Assert.Single(await server.Bugs.ListAsync(new BugQuery()));
        Assert.Equal("https://hooks.slack.com/commands/1234/5678", (await server.Bugs.GetAsync(bug.Id))!.FirstReport.ReplyTo);
        var admin = server.CreateClient(await server.CreateKeyAsync(SelfHeal.Server.Auth.ApiKeyRole.Admin));
        var shown = await (await admin.GetAsync($"/api/v1/bugs/{bug.Id}")).Content.ReadAsStringAsync();
        Assert.Contains("Search returns 500", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("hooks.slack.com", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BugCommand_TimestampSixMinutesOld_IsRejectedAsStale()
    {
        using var server = new ServerFactory();
        var request = Deliveries.Slack(Command, server.Time.GetUtcNow().AddMinutes(-6));

        var detail = await Problem.AssertAsync(await server.CreateClient().SendAsync(request), HttpStatusCode.Unauthorized);

        Assert.Contains("360 s from this server's clock", detail, StringComparison.Ordinal);
        Assert.Empty(await server.Bugs.ListAsync(new BugQuery()));
    }

    [Fact]
    public async Task BugCommand_TimestampFourMinutesOld_IsAccepted()
    {
        using var server = new ServerFactory();
        var response = await server.CreateClient().SendAsync(Deliveries.Slack(Command, server.Time.GetUtcNow().AddMinutes(-4)));
        await Problem.JsonAsync(response, HttpStatusCode.OK);
        Assert.Single(await server.Bugs.ListAsync(new BugQuery()));
    }

    [Fact]
    public async Task BugCommand_ForgedSignature_IsRejected()
    {
        using var server = new ServerFactory();
        var request = Deliveries.Slack(Command, server.Time.GetUtcNow(), secret: "another-apps-secret");

        var detail = await Problem.AssertAsync(await server.CreateClient().SendAsync(request), HttpStatusCode.Unauthorized);

        Assert.Contains("X-Slack-Signature does not match", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BugCommand_TimestampHeaderSwapped_IsRejected()
    {
        using var server = new ServerFactory();
        var request = Deliveries.Slack(Command, server.Time.GetUtcNow());
        request.Headers.Remove("X-Slack-Request-Timestamp");
        request.Headers.Add("X-Slack-Request-Timestamp", server.Time.GetUtcNow().AddSeconds(-30).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));

        await Problem.AssertAsync(await server.CreateClient().SendAsync(request), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task BugCommand_Replayed_IsStoredOnceAndSaysSo()
    {
        using var server = new ServerFactory();
        var client = server.CreateClient();
        await client.SendAsync(Deliveries.Slack(Command, server.Time.GetUtcNow()));

        var json = await Problem.JsonAsync(await client.SendAsync(Deliveries.Slack(Command, server.Time.GetUtcNow())), HttpStatusCode.OK);

        Assert.StartsWith("Already recorded as bug-", json.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, Assert.Single(await server.Bugs.ListAsync(new BugQuery())).OccurrenceCount);
    }

    [Fact]
    public async Task BugCommand_WithoutText_AnswersUsage()
    {
        using var server = new ServerFactory();
        var empty = Deliveries.With(Command, "text=Search+returns+500+for+queries+with+an+apostrophe%0AIt+started+after+this+morning%27s+deploy.", "text=");

        var json = await Problem.JsonAsync(await server.CreateClient().SendAsync(Deliveries.Slack(empty, server.Time.GetUtcNow())), HttpStatusCode.OK);

        Assert.StartsWith("Usage: /bug", json.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Empty(await server.Bugs.ListAsync(new BugQuery()));
    }
}
