namespace SelfHeal.Repair;

/// <summary>
/// A way of proposing patches. Engines stream candidates best first and stop when the caller stops
/// enumerating; a candidate an engine yields has passed the engine's own cheap checks (in-memory
/// compilation, syntax check). Implementations are thread-safe.
/// </summary>
public interface IRepairEngine
{
    /// <summary><c>csharp-templates</c>, <c>token-templates</c>, <c>memory</c>, <c>llm-agentless</c>, ...</summary>
    string Name { get; }

    /// <summary>Candidates for the suspects of <paramref name="context"/>, best first.</summary>
    IAsyncEnumerable<CandidatePatch> ProposeAsync(RepairContext context, CancellationToken cancellationToken = default);
}
