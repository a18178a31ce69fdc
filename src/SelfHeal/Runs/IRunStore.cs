namespace SelfHeal.Runs;

/// <summary>
/// Durable, append-only storage of runs. An event is durable once <see cref="AppendAsync"/> returns:
/// it survives the process being killed. Implementations are thread-safe.
/// </summary>
public interface IRunStore
{
    /// <summary>
    /// Appends <paramref name="runEvent"/> to run <paramref name="runId"/>, creating the run when the
    /// event is a <see cref="RunCreated"/>. Throws <see cref="InvalidOperationException"/> when the
    /// run does not exist or already exists for a <see cref="RunCreated"/>.
    /// </summary>
    Task<RunEventEnvelope> AppendAsync(string runId, RunEvent runEvent, CancellationToken cancellationToken = default);

    /// <summary>The run with all its events, or <see langword="null"/>.</summary>
    Task<HealingRun?> GetAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Runs matching <paramref name="query"/>, newest first.</summary>
    Task<IReadOnlyList<RunSummary>> ListAsync(RunQuery query, CancellationToken cancellationToken = default);
}

/// <summary>A line of the run list.</summary>
/// <param name="BugId">The bug the run heals, when a service started it for one.</param>
public sealed record RunSummary(string Id, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string Title, string Repository, RunStatus Status, string? BugId = null);
