using SelfHeal.Runs;

namespace SelfHeal.Pipeline;

/// <summary>
/// What a stage works with: the run as it stands and a way to append to it. Appending folds the event
/// into <see cref="State"/> at once and reports it to the observer (the CLI's live display).
/// Not thread-safe: a stage appends from one logical flow.
/// </summary>
public sealed class StageContext
{
    private readonly IRunStore _store;
    private readonly IProgress<PipelineProgress>? _progress;

    public StageContext(string runId, RunState state, IRunStore store, IProgress<PipelineProgress>? progress)
    {
        RunId = runId;
        State = state;
        _store = store;
        _progress = progress;
    }

    public string RunId { get; }

    /// <summary>The run's state including every event appended so far.</summary>
    public RunState State { get; private set; }

    /// <summary>Durably appends <paramref name="runEvent"/>, then folds and reports it.</summary>
    public async Task AppendAsync(RunEvent runEvent, CancellationToken cancellationToken = default)
    {
        var envelope = await _store.AppendAsync(RunId, runEvent, cancellationToken).ConfigureAwait(false);
        State = State.Apply(envelope);
        _progress?.Report(new PipelineProgress(RunId, State.CurrentStage, null, envelope));
    }

    /// <summary>Reports transient progress (not persisted): "running tests (12 s)".</summary>
    public void Report(string message) => _progress?.Report(new PipelineProgress(RunId, State.CurrentStage, message, null));
}

/// <summary>A progress notice: either a persisted event or a transient message.</summary>
public sealed record PipelineProgress(string RunId, string? Stage, string? Message, RunEventEnvelope? Event);
