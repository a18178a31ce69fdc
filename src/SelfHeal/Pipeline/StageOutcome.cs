using SelfHeal.Runs;

namespace SelfHeal.Pipeline;

/// <summary>What a stage tells the pipeline: go on, or stop the run with an outcome.</summary>
/// <param name="Summary">One line for the timeline.</param>
public sealed record StageOutcome(string Summary, RunOutcome? StopWith = null)
{
    public static StageOutcome Continue(string summary) => new(summary);

    public static StageOutcome Stop(RunOutcome outcome, string summary) => new(summary, outcome);
}
