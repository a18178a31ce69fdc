using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SelfHeal.Decisions;
using SelfHeal.Reports;
using SelfHeal.Runs;

namespace SelfHeal.Server.Tests.Channels;

/// <summary>A review on SelfHeal's pull request, delivered by GitHub's <c>pull_request_review</c> webhook, is a review of the fix.</summary>
public sealed class GitHubReviewTests
{
    private const string RunId = "20261120-160000-prrv";

    private static async Task<ServerFactory> ServerAsync()
    {
        var server = new ServerFactory();
        _ = server.CreateClient();
        var store = server.Services.GetRequiredService<IRunStore>();
        await store.AppendAsync(RunId, new RunCreated(new BugReport("Cart total is wrong"), new RunTarget("/srv/shop", null, null, false)));
        await store.AppendAsync(RunId, new DecisionMade(new Decision(DecisionAction.OneReview, "matrix:high/medium", "default", "a reviewer should look",
            new ConfidenceAssessment(0.8, ConfidenceBand.High, []), new RiskAssessment(RiskLevel.Medium, []), [])));
        await store.AppendAsync(RunId, new FixDelivered($"selfheal/{RunId}", "0123456789abcdef0123456789abcdef01234567", "/reports/x.md"));
        await store.AppendAsync(RunId, new RunFinished(RunOutcome.Completed, "all stages completed"));
        return server;
    }

    /// <summary>A <c>pull_request_review</c> payload shaped like GitHub's (trimmed to the fields that matter).</summary>
    private static byte[] Payload(string state, string association, string login = "octocat", string head = $"selfheal/{RunId}", string body = "Looks right.") =>
        Encoding.UTF8.GetBytes(new JsonObject
        {
            ["action"] = "submitted",
            ["review"] = new JsonObject
            {
                ["id"] = 80,
                ["node_id"] = "MDE3OlB1bGxSZXF1ZXN0UmV2aWV3ODA=",
                ["user"] = new JsonObject { ["login"] = login, ["id"] = 1, ["type"] = "User" },
                ["body"] = body,
                ["state"] = state,
                ["author_association"] = association,
                ["submitted_at"] = "2026-11-20T16:10:00Z",
                ["commit_id"] = "0123456789abcdef0123456789abcdef01234567",
                ["html_url"] = "https://github.com/octo-org/shop/pull/12#pullrequestreview-80",
            },
            ["pull_request"] = new JsonObject
            {
                ["number"] = 12,
                ["draft"] = true,
                ["head"] = new JsonObject { ["ref"] = head, ["sha"] = "0123456789abcdef0123456789abcdef01234567" },
                ["base"] = new JsonObject { ["ref"] = "main" },
            },
            ["repository"] = new JsonObject { ["full_name"] = "octo-org/shop" },
            ["sender"] = new JsonObject { ["login"] = login },
        }.ToJsonString());

    [Fact]
    public async Task ApprovedByACollaborator_IsRecordedAsTheirReview()
    {
        using var server = await ServerAsync();

        var response = await server.CreateClient().SendAsync(Deliveries.GitHub("pull_request_review", Payload("approved", "COLLABORATOR"), "review-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"reviewed\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var review = Assert.Single((await server.Services.GetRequiredService<IRunStore>().GetAsync(RunId))!.State.Reviews);
        Assert.Equal((true, "octocat", "github-review", "Looks right."), (review.Approved, review.Reviewer, review.Via, review.Comment));
    }

    [Fact]
    public async Task ChangesRequested_IsARejection()
    {
        using var server = await ServerAsync();

        await server.CreateClient().SendAsync(Deliveries.GitHub("pull_request_review", Payload("changes_requested", "MEMBER", body: "Wrong place."), "review-2"));

        var review = Assert.Single((await server.Services.GetRequiredService<IRunStore>().GetAsync(RunId))!.State.Reviews);
        Assert.False(review.Approved);
    }

    [Theory]
    [InlineData("approved", "NONE", "selfheal/" + RunId, "has no rights on the repository")]
    [InlineData("approved", "CONTRIBUTOR", "selfheal/" + RunId, "has no rights on the repository")]
    [InlineData("commented", "OWNER", "selfheal/" + RunId, "neither approves nor rejects")]
    [InlineData("approved", "OWNER", "feature/login", "Only reviews submitted on SelfHeal's pull requests")]
    public async Task ReviewThatDoesNotCount_IsIgnoredWithWhy(string state, string association, string head, string reason)
    {
        using var server = await ServerAsync();

        var response = await server.CreateClient().SendAsync(Deliveries.GitHub("pull_request_review", Payload(state, association, head: head), "review-3"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty((await server.Services.GetRequiredService<IRunStore>().GetAsync(RunId))!.State.Reviews);
    }

    [Fact]
    public async Task ForgedSignature_IsRefused()
    {
        using var server = await ServerAsync();

        var response = await server.CreateClient().SendAsync(Deliveries.GitHub("pull_request_review", Payload("approved", "OWNER"), "review-4", secret: "not-the-secret"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty((await server.Services.GetRequiredService<IRunStore>().GetAsync(RunId))!.State.Reviews);
    }
}
