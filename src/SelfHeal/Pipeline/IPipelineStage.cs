namespace SelfHeal.Pipeline;

/// <summary>
/// One stage of the healing pipeline. A stage reads what earlier stages left in the run's state and
/// appends its own events through the <see cref="StageContext"/>; it is skipped when the run already
/// records it as completed, so a resumed run continues where it stopped.
/// </summary>
public interface IPipelineStage
{
    /// <summary>Stage name as it appears on the timeline: <c>reproduce</c>, <c>localize</c>, ...</summary>
    string Name { get; }

    /// <summary>
    /// Runs the stage. An expected failure (nothing reproduced, no tests) is recorded as events and
    /// returned as <see cref="StageOutcome.Stop"/>; exceptions are for aborts only.
    /// </summary>
    Task<StageOutcome> RunAsync(StageContext context, CancellationToken cancellationToken = default);
}
