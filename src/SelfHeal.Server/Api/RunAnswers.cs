using SelfHeal.Decisions;
using SelfHeal.Runs;

namespace SelfHeal.Server.Api;

/// <summary>A page of runs, newest first; ask for the next with <c>offset = Offset + Runs.Count</c>.</summary>
public sealed record RunListAnswer(IReadOnlyList<RunSummary> Runs, int Limit, int Offset);

/// <summary>A run: its state, its decision and review, and its timeline of events.</summary>
public sealed record RunAnswer(
    string Id, RunStatus Status, string? BugId, string? CurrentStage, string? Summary, Decision? Decision, RunReview? Review, IReadOnlyList<RunEventEnvelope> Timeline)
{
    public static RunAnswer From(HealingRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var bugId = run.Events.Count > 0 && run.Events[0].Event is RunCreated created ? created.BugId : null;
        return new RunAnswer(run.Id, run.State.Status, bugId, run.State.CurrentStage, run.State.Finished?.Summary, run.State.Decision, RunReview.Of(run), run.Events);
    }
}

/// <summary>A reviewer's note with an approval or rejection.</summary>
public sealed record ReviewSubmission(string? Comment);

/// <summary>A retry was scheduled: the bug's heal job runs again and starts a new run; follow it with <c>GET /api/v1/runs?bug=</c>.</summary>
public sealed record RetryAnswer(string BugId, string RetryOf);
