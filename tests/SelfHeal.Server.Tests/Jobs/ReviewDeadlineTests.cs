using Microsoft.Extensions.DependencyInjection;
using SelfHeal.Decisions;
using SelfHeal.Delivery.Approvals;
using SelfHeal.Reports;
using SelfHeal.Runs;

namespace SelfHeal.Server.Tests.Jobs;

/// <summary>The policy's review deadline is a durable job in the server's scheduler, and it fires.</summary>
public sealed class ReviewDeadlineTests
{
    private const string RunId = "20261120-160000-dead";

    [Fact]
    public async Task Deadline_Passes_ThePolicyApprovesTheUnreviewedFix()
    {
        // The scheduler fires by the wall clock, so this server runs on it.
        using var server = new ServerFactory(fakeClock: false);
        _ = server.CreateClient();
        var store = server.Services.GetRequiredService<IRunStore>();
        await store.AppendAsync(RunId, new RunCreated(new BugReport("Cart total is wrong"), new RunTarget("/srv/shop", null, null, false)));
        await store.AppendAsync(RunId, new DecisionMade(new Decision(DecisionAction.OneReview, "matrix:high/medium", "default", "a reviewer should look",
            new ConfidenceAssessment(0.8, ConfidenceBand.High, []), new RiskAssessment(RiskLevel.Medium, []), []) { ApproveAfter = TimeSpan.FromHours(24) }));
        await store.AppendAsync(RunId, new FixDelivered($"selfheal/{RunId}", "0123456789abcdef0123456789abcdef01234567", "/reports/x.md"));

        await server.Services.GetRequiredService<IReviewDeadlines>().ScheduleAsync(RunId, DateTimeOffset.UtcNow.AddSeconds(1));
        await server.Services.GetRequiredService<IReviewDeadlines>().ScheduleAsync(RunId, DateTimeOffset.UtcNow.AddSeconds(1));

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while ((await store.GetAsync(RunId, timeout.Token))!.State.Reviews.Count == 0)
        {
            await Task.Delay(100, timeout.Token);
        }
        var review = Assert.Single((await store.GetAsync(RunId))!.State.Reviews);
        Assert.Equal((true, "policy", "deadline"), (review.Approved, review.Reviewer, review.Via));
    }
}
