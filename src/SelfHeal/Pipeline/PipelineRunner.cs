using SelfHeal.Auditing;
using SelfHeal.Runs;

namespace SelfHeal.Pipeline;

/// <summary>
/// Drives a run through its stages: load the run, run each stage not yet completed, append what
/// happened, stop when a stage says so. Resuming a run is calling <see cref="RunAsync"/> again.
/// With a <see cref="RunAudit"/>, everything the stages do is recorded in the run's audit log.
/// </summary>
public sealed class PipelineRunner(IRunStore store, RunAudit? audit = null)
{
    /// <summary>Runs <paramref name="stages"/> in order on run <paramref name="runId"/> and returns its final state.</summary>
    public async Task<RunState> RunAsync(string runId, IReadOnlyList<IPipelineStage> stages, IProgress<PipelineProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var run = await store.GetAsync(runId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Run '{runId}' does not exist.");
        using var auditScope = audit?.Begin(runId);
        var context = new StageContext(runId, run.State, store, progress);
        if (context.State.Finished is not null)
        {
            return context.State;
        }

        foreach (var stage in stages)
        {
            if (context.State.CompletedStages.Contains(stage.Name))
            {
                continue;
            }
            // A cancel request may come from another process (the API of a server in the cluster): read it from the store.
            if ((await store.GetAsync(runId, cancellationToken).ConfigureAwait(false))?.State.CancelRequested is { } cancel)
            {
                await context.AppendAsync(new RunFinished(RunOutcome.Cancelled, $"cancelled by {cancel.By} before {stage.Name}"), cancellationToken).ConfigureAwait(false);
                return context.State;
            }
            StageOutcome outcome;
            try
            {
                await context.AppendAsync(new StageStarted(stage.Name), cancellationToken).ConfigureAwait(false);
                outcome = await stage.RunAsync(context, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Record the cancellation without the cancelled token, or the record itself would be cancelled.
                await context.AppendAsync(new StageFailed(stage.Name, "cancelled"), CancellationToken.None).ConfigureAwait(false);
                await context.AppendAsync(new RunFinished(RunOutcome.Cancelled, $"cancelled during {stage.Name}"), CancellationToken.None).ConfigureAwait(false);
                throw;
            }
            catch (RunAbortedException ex)
            {
                await context.AppendAsync(new StageFailed(stage.Name, ex.Message), cancellationToken).ConfigureAwait(false);
                await context.AppendAsync(new RunFinished(RunOutcome.Failed, ex.Message), cancellationToken).ConfigureAwait(false);
                return context.State;
            }

            if (outcome.StopWith is { } stop)
            {
                await context.AppendAsync(new StageFailed(stage.Name, outcome.Summary), cancellationToken).ConfigureAwait(false);
                await context.AppendAsync(new RunFinished(stop, outcome.Summary), cancellationToken).ConfigureAwait(false);
                return context.State;
            }
            await context.AppendAsync(new StageCompleted(stage.Name, outcome.Summary), cancellationToken).ConfigureAwait(false);
        }

        await context.AppendAsync(new RunFinished(RunOutcome.Completed, "all stages completed"), cancellationToken).ConfigureAwait(false);
        return context.State;
    }
}
