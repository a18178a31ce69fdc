using Microsoft.Extensions.DependencyInjection;
using SelfHeal.Decisions;
using SelfHeal.Delivery;
using SelfHeal.Delivery.Approvals;
using SelfHeal.Delivery.Notifications;
using SelfHeal.Pipeline;
using SelfHeal.Reports;
using SelfHeal.Runs;
using SelfHeal.Tests.Decisions;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Delivery.PullRequests;

/// <summary>The deliver stage proposes the committed fix once, merges it only when the decision allows, and survives a forge that refuses.</summary>
public sealed class DeliverStagePullRequestTests : IDisposable
{
    private const string Diff = "diff --git a/app.py b/app.py\n--- a/app.py\n+++ b/app.py\n@@ -1,2 +1,2 @@\n def total(xs):\n-    return sum(xs) - 1\n+    return sum(xs)\n";
    private readonly TempDirectory _dir = new("selfheal-deliver");

    private string Remote => _dir.Combine("origin.git");

    [Fact]
    public async Task Deliver_AutoMergeDecision_OpensThePullRequestAndMergesIt_AndAResumeDoesNothingTwice()
    {
        using var repo = await RepoAsync();
        await using var services = Services(Remote);
        var (context, store) = await ContextAsync(services, repo, DecisionAction.AutoMerge);
        var stage = services.GetServices<IPipelineStage>().Single(s => s.Name == "deliver");

        var outcome = await stage.RunAsync(context);

        var state = context.State;
        Assert.NotNull(state.Delivery);
        Assert.Equal(("local", "1", false, true), (state.PullRequest!.Provider, state.PullRequest.Number, state.PullRequest.Draft, state.PullRequest.Created));
        Assert.True(state.Merge!.Merged, state.Merge.Detail);
        Assert.Contains("merged", outcome.Summary, StringComparison.Ordinal);
        Assert.Equal(state.Delivery!.Commit, (await repo.GitAsync("--git-dir", Remote, "rev-parse", "main")).Trim());

        var eventsBefore = (await store.GetAsync(context.RunId))!.Events.Count;
        var resumed = new StageContext(context.RunId, (await store.GetAsync(context.RunId))!.State, store, null);
        await stage.RunAsync(resumed);

        Assert.Equal(eventsBefore, (await store.GetAsync(context.RunId))!.Events.Count);
        Assert.Single((await repo.GitAsync("--git-dir", Remote, "for-each-ref", "refs/selfheal/requests/")).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Deliver_ReviewDecision_OpensADraftWithTheReviewersAndDoesNotMerge()
    {
        using var repo = await RepoAsync();
        await using var services = Services(Remote);
        var (context, _) = await ContextAsync(services, repo, DecisionAction.OneReview);
        var stage = services.GetServices<IPipelineStage>().Single(s => s.Name == "deliver");

        await stage.RunAsync(context);

        Assert.True(context.State.PullRequest!.Draft);
        Assert.Null(context.State.Merge);
        var request = await repo.GitAsync("--git-dir", Remote, "show", "refs/selfheal/requests/1:request.json");
        Assert.Contains("\"alice\"", request, StringComparison.Ordinal);
        Assert.NotEqual(context.State.Delivery!.Commit, (await repo.GitAsync("--git-dir", Remote, "rev-parse", "main")).Trim());
    }

    [Fact]
    public async Task Deliver_RemoteMissing_FixStaysOnItsBranchAndTheProblemIsRecorded()
    {
        using var repo = await RepoAsync();
        await using var services = Services(_dir.Combine("missing.git"));
        var (context, _) = await ContextAsync(services, repo, DecisionAction.AutoMerge);
        var stage = services.GetServices<IPipelineStage>().Single(s => s.Name == "deliver");

        var outcome = await stage.RunAsync(context);

        Assert.Null(outcome.StopWith);
        Assert.NotNull(context.State.Delivery);
        Assert.Null(context.State.PullRequest);
        var problem = Assert.Single(context.State.DeliveryProblems);
        Assert.Equal("pull-request", problem.Step);
        Assert.Contains("missing.git", problem.Message, StringComparison.Ordinal);
        Assert.Contains("the pull request could not be opened", outcome.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_OneReviewApproved_TakesTheDraftOutOfDraftAndMergesIt()
    {
        using var repo = await RepoAsync();
        await using var services = Services(Remote);
        var (context, store) = await ContextAsync(services, repo, DecisionAction.OneReview);
        await services.GetServices<IPipelineStage>().Single(s => s.Name == "deliver").RunAsync(context);
        var reviews = services.GetRequiredService<FixReviews>();

        var outcome = await reviews.RecordAsync(context.RunId, approve: true, "alice", "api");
        var again = await reviews.RecordAsync(context.RunId, approve: true, "alice", "api");

        Assert.Equal(ReviewStatus.Merged, outcome.Status);
        Assert.Equal(context.State.Delivery!.Commit, (await repo.GitAsync("--git-dir", Remote, "rev-parse", "main")).Trim());
        var record = await repo.GitAsync("--git-dir", Remote, "show", "refs/selfheal/requests/1:request.json");
        Assert.Contains("\"draft\": false", record, StringComparison.Ordinal);
        Assert.Contains("\"state\": \"merged\"", record, StringComparison.Ordinal);
        Assert.Equal(ReviewStatus.AlreadyMerged, again.Status);
        var state = (await store.GetAsync(context.RunId))!.State;
        Assert.Single(state.Reviews);
        Assert.True(state.Merge!.Merged);
    }

    [Fact]
    public async Task Review_TwoReviews_MergesOnlyAfterTwoDifferentReviewers()
    {
        using var repo = await RepoAsync();
        await using var services = Services(Remote);
        var (context, _) = await ContextAsync(services, repo, DecisionAction.TwoReviews);
        await services.GetServices<IPipelineStage>().Single(s => s.Name == "deliver").RunAsync(context);
        var reviews = services.GetRequiredService<FixReviews>();

        var first = await reviews.RecordAsync(context.RunId, approve: true, "alice", "api");
        var same = await reviews.RecordAsync(context.RunId, approve: true, "Alice", "link");
        var second = await reviews.RecordAsync(context.RunId, approve: true, "bob", "github-review");

        Assert.Equal(ReviewStatus.Approved, first.Status);
        Assert.Contains("1 of 2", first.Message, StringComparison.Ordinal);
        Assert.Equal(ReviewStatus.AlreadyRecorded, same.Status);
        Assert.Equal(ReviewStatus.Merged, second.Status);
    }

    [Fact]
    public async Task Review_Rejected_IsFinalAndNothingMerges()
    {
        using var repo = await RepoAsync();
        await using var services = Services(Remote);
        var (context, _) = await ContextAsync(services, repo, DecisionAction.OneReview);
        await services.GetServices<IPipelineStage>().Single(s => s.Name == "deliver").RunAsync(context);
        var reviews = services.GetRequiredService<FixReviews>();
        var main = (await repo.GitAsync("--git-dir", Remote, "rev-parse", "main")).Trim();

        var rejected = await reviews.RecordAsync(context.RunId, approve: false, "carol", "api", "wrong place to fix it");
        var refused = await Assert.ThrowsAsync<ReviewRefusedException>(() => reviews.RecordAsync(context.RunId, approve: true, "alice", "api"));

        Assert.Equal(ReviewStatus.Rejected, rejected.Status);
        Assert.Equal(ReviewRefusal.AlreadyDecided, refused.Refusal);
        Assert.Contains("rejected by carol", refused.Message, StringComparison.Ordinal);
        Assert.Equal(main, (await repo.GitAsync("--git-dir", Remote, "rev-parse", "main")).Trim());
    }

    [Fact]
    public async Task Review_RunWithoutAFix_IsRefusedWithWhy()
    {
        await using var services = Services(Remote);
        var store = services.GetRequiredService<IRunStore>();
        await store.AppendAsync("20261123-130000-none", new RunCreated(new BugReport("x"), new RunTarget("/nowhere", null, null, false)));
        var reviews = services.GetRequiredService<FixReviews>();

        var missing = await Assert.ThrowsAsync<ReviewRefusedException>(() => reviews.RecordAsync("20261123-130000-gone", true, "alice", "api"));
        var nothing = await Assert.ThrowsAsync<ReviewRefusedException>(() => reviews.RecordAsync("20261123-130000-none", true, "alice", "api"));

        Assert.Equal(ReviewRefusal.NotFound, missing.Refusal);
        Assert.Equal(ReviewRefusal.NothingToReview, nothing.Refusal);
        Assert.Contains("still running", nothing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notify_NeedsApproval_ThenMergedAfterApproval_EachOnceThroughTheWebhook()
    {
        await using var receiver = RecordingHttpServer.Start(_ => new ScriptedResponse(204));
        using var repo = await RepoAsync();
        await using var services = Services(Remote, services =>
        {
            services.AddWebhookNotifier(o => o.Endpoints.Add(new() { Url = receiver.BaseUrl + "hook", Secret = "whsec-0123456789abcdef" }));
            services.AddNotificationDispatcher();
            services.AddApprovalLinks(o => (o.BaseUrl, o.Secret) = ("https://selfheal.example.com", "approval-secret-0123456789abcdef"));
        });
        var (context, store) = await ContextAsync(services, repo, DecisionAction.OneReview);
        var stage = services.GetServices<IPipelineStage>().Single(s => s.Name == "deliver");

        await stage.RunAsync(context);
        await stage.RunAsync(new StageContext(context.RunId, (await store.GetAsync(context.RunId))!.State, store, null));
        await services.GetRequiredService<FixReviews>().RecordAsync(context.RunId, approve: true, "alice", "api");

        Assert.Equal(["needsApproval", "merged"], receiver.Requests.Select(r => (string?)r.Json["moment"]));
        var sent = (await store.GetAsync(context.RunId))!.State.Notifications;
        Assert.Equal(2, sent.Count);
    }

    [Fact]
    public async Task Deadline_OneReviewWithApproveAfter_IsScheduledOnceAndApprovesAnUnreviewedFix()
    {
        using var repo = await RepoAsync();
        var deadlines = new RecordingDeadlines();
        await using var services = Services(Remote, s => s.AddSingleton<IReviewDeadlines>(deadlines));
        var (context, store) = await ContextAsync(services, repo, DecisionAction.OneReview, approveAfter: TimeSpan.FromHours(24));
        var stage = services.GetServices<IPipelineStage>().Single(s => s.Name == "deliver");

        await stage.RunAsync(context);
        await stage.RunAsync(new StageContext(context.RunId, (await store.GetAsync(context.RunId))!.State, store, null));
        var outcome = await services.GetRequiredService<FixReviews>().ApproveOnDeadlineAsync(context.RunId);
        var again = await services.GetRequiredService<FixReviews>().ApproveOnDeadlineAsync(context.RunId);

        var state = (await store.GetAsync(context.RunId))!.State;
        Assert.NotNull(state.ReviewDeadline);
        Assert.Equal([(context.RunId, state.ReviewDeadline.At), (context.RunId, state.ReviewDeadline.At)], deadlines.Scheduled);
        Assert.Equal(ReviewStatus.Merged, outcome!.Status);
        Assert.Equal(("policy", "deadline"), (state.Reviews[0].Reviewer, state.Reviews[0].Via));
        Assert.Null(again);
    }

    [Fact]
    public async Task Deadline_AfterARejection_ApprovesNothing()
    {
        using var repo = await RepoAsync();
        await using var services = Services(Remote, s => s.AddSingleton<IReviewDeadlines>(new RecordingDeadlines()));
        var (context, _) = await ContextAsync(services, repo, DecisionAction.OneReview, approveAfter: TimeSpan.FromHours(1));
        await services.GetServices<IPipelineStage>().Single(s => s.Name == "deliver").RunAsync(context);
        var reviews = services.GetRequiredService<FixReviews>();
        await reviews.RecordAsync(context.RunId, approve: false, "carol", "api");

        Assert.Null(await reviews.ApproveOnDeadlineAsync(context.RunId));
    }

    private sealed class RecordingDeadlines : IReviewDeadlines
    {
        public List<(string RunId, DateTimeOffset At)> Scheduled { get; } = [];

        public Task ScheduleAsync(string runId, DateTimeOffset at, CancellationToken cancellationToken = default)
        {
            Scheduled.Add((runId, at));
            return Task.CompletedTask;
        }
    }

    private ServiceProvider Services(string remote, Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        more?.Invoke(services);
        services.AddSelfHeal(databasePath: _dir.Combine("runs.db"), workspaceRoot: _dir.Combine("worktrees"));
        services.AddLocalDelivery(o => o.ReportsDirectory = _dir.Combine("reports"));
        services.AddLocalRemotePullRequests(o => o.RemoteUrl = remote);
        return services.BuildServiceProvider();
    }

    private async Task<GitRepository> RepoAsync()
    {
        var repo = await GitRepository.InitAsync();
        repo.Write("app.py", "def total(xs):\n    return sum(xs) - 1\n");
        await repo.CommitAllAsync("initial");
        await repo.GitAsync("init", "-q", "--bare", "-b", "main", Remote);
        await repo.GitAsync("push", "-q", Remote, "main");
        return repo;
    }

    private async Task<(StageContext Context, IRunStore Store)> ContextAsync(IServiceProvider services, GitRepository repo, DecisionAction action, TimeSpan? approveAfter = null)
    {
        var worktree = _dir.Combine("wt");
        await repo.GitAsync("worktree", "add", "-q", "--detach", worktree, "HEAD");
        var store = services.GetRequiredService<IRunStore>();
        var runId = $"20261123-120000-{action.ToString().ToLowerInvariant()[..4]}";
        var decision = Decider.Decide(DecisionDiffs.Input(DecisionDiffs.BoundaryFix), DecisionPolicy.From(new DecisionOptions { Reviewers = ["alice"] })) with { Action = action, ApproveAfter = approveAfter };
        RunEvent[] events =
        [
            new RunCreated(new BugReport("total is off by one"), new RunTarget(repo.Path, null, null, false)),
            new WorkspacePrepared(worktree, "HEAD", [], []),
            new FailureReproduced("test_app.py::test_total", "assert 5 == 6", null),
            new PatchChosen("token-templates", "off-by-one", "drop '- 1'", "app.py", 2, Diff, [], ["test_app.py::test_total"]),
            new DecisionMade(decision),
        ];
        foreach (var e in events)
        {
            await store.AppendAsync(runId, e);
        }
        return (new StageContext(runId, (await store.GetAsync(runId))!.State, store, null), store);
    }

    public void Dispose() => _dir.Dispose();
}
