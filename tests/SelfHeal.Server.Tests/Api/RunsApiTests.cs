using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SelfHeal.Decisions;
using SelfHeal.Reports;
using SelfHeal.Runs;
using SelfHeal.Server.Auth;

namespace SelfHeal.Server.Tests.Api;

public sealed class RunsApiTests
{
    private const string Reviewed = "20261120-160500-revw";
    private const string Automatic = "20261120-160500-auto";

    private static async Task SeedAsync(ServerFactory server, string runId, DecisionAction action, string bugId)
    {
        var store = server.Services.GetRequiredService<IRunStore>();
        await store.AppendAsync(runId, new RunCreated(new BugReport("Cart total is wrong"), new RunTarget("/srv/shop", null, null, false)) { BugId = bugId });
        await store.AppendAsync(runId, new StageStarted("decide"));
        await store.AppendAsync(runId, new DecisionMade(new Decision(action, "matrix:high/medium", "default", "a reviewer should look",
            new ConfidenceAssessment(0.8, ConfidenceBand.High, []), new RiskAssessment(RiskLevel.Medium, []), [])));
        await store.AppendAsync(runId, new StageCompleted("decide", "decided"));
        await store.AppendAsync(runId, new FixDelivered($"selfheal/{runId}", "0123456789abcdef0123456789abcdef01234567", $"/reports/{runId}.md"));
        await store.AppendAsync(runId, new RunFinished(RunOutcome.Completed, "all stages completed"));
    }

    private static async Task<ServerFactory> ServerWithRunsAsync(DecisionAction reviewedAction = DecisionAction.OneReview)
    {
        var server = new ServerFactory();
        _ = server.CreateClient();
        await SeedAsync(server, Reviewed, reviewedAction, "bug-20261120-aaaaaa");
        server.Time.Advance(TimeSpan.FromMinutes(1));
        await SeedAsync(server, Automatic, DecisionAction.AutoMerge, "bug-20261120-bbbbbb");
        return server;
    }

    [Fact]
    public async Task List_Filters_ByBugStatusAndPage()
    {
        using var server = await ServerWithRunsAsync();
        using var client = server.CreateClient(await server.CreateKeyAsync(ApiKeyRole.Viewer));

        var byBug = await Problem.JsonAsync(await client.GetAsync("/api/v1/runs?bug=bug-20261120-aaaaaa"), HttpStatusCode.OK);
        var all = await Problem.JsonAsync(await client.GetAsync("/api/v1/runs?status=completed&limit=1&offset=1"), HttpStatusCode.OK);
        var none = await Problem.JsonAsync(await client.GetAsync("/api/v1/runs?status=running"), HttpStatusCode.OK);

        Assert.Equal(Reviewed, Assert.Single(byBug.GetProperty("runs").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(Reviewed, Assert.Single(all.GetProperty("runs").EnumerateArray()).GetProperty("id").GetString());
        Assert.Empty(none.GetProperty("runs").EnumerateArray());
        var detail = await Problem.AssertAsync(await client.GetAsync("/api/v1/runs?status=sleeping"), HttpStatusCode.BadRequest);
        Assert.Contains("status must be", detail, StringComparison.Ordinal);
        await Problem.AssertAsync(await client.GetAsync("/api/v1/runs?limit=0"), HttpStatusCode.BadRequest);
        await Problem.AssertAsync(await server.CreateClient().GetAsync("/api/v1/runs"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Get_KnownRun_HasStateDecisionReviewAndTimeline()
    {
        using var server = await ServerWithRunsAsync();
        using var client = server.CreateClient(await server.CreateKeyAsync(ApiKeyRole.Viewer));

        var run = await Problem.JsonAsync(await client.GetAsync($"/api/v1/runs/{Reviewed}"), HttpStatusCode.OK);

        Assert.Equal("completed", run.GetProperty("status").GetString());
        Assert.Equal("bug-20261120-aaaaaa", run.GetProperty("bugId").GetString());
        Assert.Equal("oneReview", run.GetProperty("decision").GetProperty("action").GetString());
        Assert.True(run.GetProperty("review").GetProperty("pending").GetBoolean());
        var timeline = run.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(6, timeline.Count);
        Assert.Equal("run.created", timeline[0].GetProperty("event").GetProperty("type").GetString());
        Assert.Equal("decision.made", timeline[2].GetProperty("event").GetProperty("type").GetString());
        var missing = await Problem.AssertAsync(await client.GetAsync("/api/v1/runs/20261120-160500-none"), HttpStatusCode.NotFound);
        Assert.Contains("GET /api/v1/runs", missing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_PendingReview_RecordsWhoApprovedAndEndsTheReview()
    {
        using var server = await ServerWithRunsAsync();
        using var approver = server.CreateClient(await server.CreateKeyAsync(ApiKeyRole.Approver));

        var run = await Problem.JsonAsync(await approver.PostAsJsonAsync($"/api/v1/runs/{Reviewed}/approve", new { comment = "looks right" }), HttpStatusCode.OK);

        Assert.False(run.GetProperty("review").GetProperty("pending").GetBoolean());
        var events = (await server.Services.GetRequiredService<IRunStore>().GetAsync(Reviewed))!.Events;
        var review = Assert.IsType<FixReviewed>(events[^1].Event);
        Assert.True(review.Approved);
        Assert.StartsWith("test Approver (", review.Reviewer, StringComparison.Ordinal);
        Assert.Equal("looks right", review.Comment);
        var again = await Problem.AssertAsync(await approver.PostAsync($"/api/v1/runs/{Reviewed}/reject", null), HttpStatusCode.Conflict);
        Assert.Contains("already complete", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_TwoReviewsAsked_NeedsTwoDifferentApprovers()
    {
        using var server = await ServerWithRunsAsync(DecisionAction.TwoReviews);
        using var first = server.CreateClient(await server.CreateKeyAsync(ApiKeyRole.Approver));
        using var second = server.CreateClient(await server.CreateKeyAsync(ApiKeyRole.Admin));

        var once = await Problem.JsonAsync(await first.PostAsync($"/api/v1/runs/{Reviewed}/approve", null), HttpStatusCode.OK);
        var twiceBySame = await Problem.JsonAsync(await first.PostAsync($"/api/v1/runs/{Reviewed}/approve", null), HttpStatusCode.OK);
        var byOther = await Problem.JsonAsync(await second.PostAsync($"/api/v1/runs/{Reviewed}/approve", null), HttpStatusCode.OK);

        Assert.True(once.GetProperty("review").GetProperty("pending").GetBoolean());
        Assert.True(twiceBySame.GetProperty("review").GetProperty("pending").GetBoolean());
        Assert.False(byOther.GetProperty("review").GetProperty("pending").GetBoolean());
    }

    [Fact]
    public async Task Review_NotAwaitingReviewOrWrongRole_IsRefused()
    {
        using var server = await ServerWithRunsAsync();
        using var approver = server.CreateClient(await server.CreateKeyAsync(ApiKeyRole.Approver));
        using var viewer = server.CreateClient(await server.CreateKeyAsync(ApiKeyRole.Viewer));

        var automatic = await Problem.AssertAsync(await approver.PostAsync($"/api/v1/runs/{Automatic}/reject", null), HttpStatusCode.Conflict);
        var malformed = await Problem.AssertAsync(await approver.PostAsync($"/api/v1/runs/{Reviewed}/reject", new StringContent("{", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        var forbidden = await viewer.PostAsync($"/api/v1/runs/{Reviewed}/approve", null);
        var unknown = await Problem.AssertAsync(await approver.PostAsync("/api/v1/runs/20261120-160500-none/approve", null), HttpStatusCode.NotFound);

        Assert.Contains("asks for no review", automatic, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", malformed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("no run", unknown, StringComparison.Ordinal);
        Assert.True((await server.Services.GetRequiredService<IRunStore>().GetAsync(Reviewed))!.State.Decision is not null);
    }

    [Fact]
    public async Task Cancel_RunningRun_IsRecordedAndTheRunStopsAtItsNextStage()
    {
        using var server = await ServerWithRunsAsync();
        var store = server.Services.GetRequiredService<IRunStore>();
        const string running = "20261120-160500-runn";
        await store.AppendAsync(running, new RunCreated(new BugReport("Slow search"), new RunTarget("/srv/shop", null, null, false)));
        using var admin = server.CreateClient(await server.CreateKeyAsync(ApiKeyRole.Admin));
        using var approver = server.CreateClient(await server.CreateKeyAsync(ApiKeyRole.Approver));

        var accepted = await admin.PostAsync($"/api/v1/runs/{running}/cancel", null);
        var notAdmin = await approver.PostAsync($"/api/v1/runs/{running}/cancel", null);
        var finished = await Problem.AssertAsync(await admin.PostAsync($"/api/v1/runs/{Reviewed}/cancel", null), HttpStatusCode.Conflict);
        var stage = new CountingStage();
        var state = await new SelfHeal.Pipeline.PipelineRunner(store).RunAsync(running, [stage]);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
        Assert.Contains("already finished", finished, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Cancelled, state.Status);
        Assert.StartsWith("cancelled by test Admin", state.Finished!.Summary, StringComparison.Ordinal);
        Assert.Equal(0, stage.Runs);
    }

    private sealed class CountingStage : SelfHeal.Pipeline.IPipelineStage
    {
        public int Runs { get; private set; }

        public string Name => "reproduce";

        public Task<SelfHeal.Pipeline.StageOutcome> RunAsync(SelfHeal.Pipeline.StageContext context, CancellationToken cancellationToken = default)
        {
            Runs++;
            return Task.FromResult(SelfHeal.Pipeline.StageOutcome.Continue("ran"));
        }
    }
}
