using SelfHeal.Localization;
using SelfHeal.Runs;

namespace SelfHeal.Repair;

/// <summary>What an engine may look at to propose fixes. Engines never write to the worktree.</summary>
/// <param name="WorkspacePath">The run's worktree (read it, don't change it).</param>
/// <param name="Suspects">Ranked suspects, best first.</param>
/// <param name="State">The run so far: report, failures, traces.</param>
public sealed record RepairContext(string WorkspacePath, IReadOnlyList<Suspect> Suspects, RunState State)
{
    /// <summary>Counters the engine updates as it works (thread-safe), for progress and benchmarks.</summary>
    public RepairCounters Counters { get; init; } = new();

    /// <summary>What became of each candidate already validated; engines that self-correct read it after each <c>yield</c>.</summary>
    public RepairFeedback Feedback { get; init; } = new();

    /// <summary>
    /// Appends an event to the run (a model call, a root cause analysis). Engines call it only from their own
    /// enumeration, which the stage drives from one logical flow. Default: discard.
    /// </summary>
    public Func<RunEvent, CancellationToken, Task> AppendAsync { get; init; } = static (_, _) => Task.CompletedTask;
}
