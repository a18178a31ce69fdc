namespace SelfHeal.Runs;

/// <summary>A bug's journey: its events in order, and the state they fold to.</summary>
public sealed class HealingRun
{
    private RunState? _state;

    public HealingRun(string id, IReadOnlyList<RunEventEnvelope> events)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        Id = id;
        Events = events;
    }

    public string Id { get; }

    public IReadOnlyList<RunEventEnvelope> Events { get; }

    /// <summary>The fold of <see cref="Events"/>, computed once.</summary>
    public RunState State => _state ??= RunState.Fold(Events);
}
