using SelfHeal.Pipeline;
using SelfHeal.Reports;
using SelfHeal.Runs;
using SelfHeal.Workspaces;

namespace SelfHeal.Diagnosis;

/// <summary>
/// <c>selfheal diagnose</c> as one call: clean up after dead runs, create the run, reproduce and
/// localize, and remove the run's worktree at the end (unless asked to keep it). Hosts share it.
/// </summary>
public sealed class DiagnoseWorkflow(
    IRunStore store,
    PipelineRunner pipeline,
    WorkspaceManager workspaces,
    AbandonedRunRecovery recovery,
    IEnumerable<IPipelineStage> stages,
    TimeProvider timeProvider)
{
    /// <summary>The stages of a diagnosis, in order.</summary>
    public static readonly IReadOnlyList<string> StageNames = ["reproduce", "localize"];

    /// <summary>
    /// Runs a diagnosis. Returns the run's final state; bad input ends as <see cref="RunOutcome.Failed"/>
    /// with the reason in <see cref="RunState.FailureReason"/>. Throws only on cancellation.
    /// </summary>
    public async Task<(string RunId, RunState State)> RunAsync(BugReport report, RunTarget target, IProgress<PipelineProgress>? progress = null, bool keepWorkspace = false, CancellationToken cancellationToken = default)
    {
        await recovery.RecoverAsync(cancellationToken).ConfigureAwait(false);
        var runId = RunId.New(timeProvider);
        var created = await store.AppendAsync(runId, new RunCreated(report, target), cancellationToken).ConfigureAwait(false);
        progress?.Report(new PipelineProgress(runId, null, null, created));

        var ordered = StageNames.Select(name => stages.FirstOrDefault(s => s.Name == name)
            ?? throw new InvalidOperationException($"The '{name}' stage is not registered.")).ToList();
        RunState? state = null;
        try
        {
            state = await pipeline.RunAsync(runId, ordered, progress, cancellationToken).ConfigureAwait(false);
            return (runId, state);
        }
        finally
        {
            if (!keepWorkspace)
            {
                var workspace = state?.Workspace ?? (await store.GetAsync(runId, CancellationToken.None).ConfigureAwait(false))?.State.Workspace;
                if (workspace is not null)
                {
                    await workspaces.RemoveAsync(runId, target.RepositoryPath, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
    }
}
