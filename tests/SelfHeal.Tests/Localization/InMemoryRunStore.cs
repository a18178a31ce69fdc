using SelfHeal.Runs;

namespace SelfHeal.Tests.Localization;

/// <summary>An <see cref="IRunStore"/> in a dictionary, with a fixed clock.</summary>
internal sealed class InMemoryRunStore : IRunStore
{
    private readonly Dictionary<string, List<RunEventEnvelope>> _runs = [];
    private readonly DateTimeOffset _now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public Task<RunEventEnvelope> AppendAsync(string runId, RunEvent runEvent, CancellationToken cancellationToken = default)
    {
        if (!_runs.TryGetValue(runId, out var events))
        {
            if (runEvent is not RunCreated)
            {
                throw new InvalidOperationException($"Run '{runId}' does not exist.");
            }
            events = [];
            _runs[runId] = events;
        }
        var envelope = new RunEventEnvelope(runId, events.Count + 1, _now, runEvent);
        events.Add(envelope);
        return Task.FromResult(envelope);
    }

    public Task<HealingRun?> GetAsync(string runId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_runs.TryGetValue(runId, out var events) ? new HealingRun(runId, [.. events]) : null);

    public Task<IReadOnlyList<RunSummary>> ListAsync(RunQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<RunSummary>>([]);

    public IReadOnlyList<RunEvent> Events(string runId) => [.. _runs[runId].Select(e => e.Event)];
}
