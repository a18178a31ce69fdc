using SelfHeal.Git;
using SelfHeal.Runs;
using SelfHeal.Workspaces;

namespace SelfHeal.Pipeline;

/// <summary>
/// Tidies up after runs whose process died (kill -9, crash, power loss): removes their worktrees and
/// records in each unfinished run that it was interrupted, and deletes a fix branch the run made but did not
/// record as delivered. Hosts call it when they start.
/// </summary>
public sealed class AbandonedRunRecovery(WorkspaceManager workspaces, IRunStore store, GitClient git)
{
    /// <summary>Returns the ids of the runs cleaned up.</summary>
    public async Task<IReadOnlyList<string>> RecoverAsync(CancellationToken cancellationToken = default)
    {
        var cleaned = await workspaces.CleanUpAbandonedAsync(cancellationToken).ConfigureAwait(false);
        foreach (var runId in cleaned)
        {
            var run = await store.GetAsync(runId, cancellationToken).ConfigureAwait(false);
            if (run is null || run.State.Finished is not null)
            {
                continue;
            }
            if (run.State.Delivery is null && run.State.Target is { } target && Directory.Exists(target.RepositoryPath))
            {
                // Failing is fine: most interrupted runs never made a branch.
                await git.RunAsync(target.RepositoryPath, ["branch", "-D", "selfheal/" + runId], cancellationToken).ConfigureAwait(false);
            }
            var stage = run.State.CurrentStage;
            if (stage is not null)
            {
                await store.AppendAsync(runId, new StageFailed(stage, "interrupted"), cancellationToken).ConfigureAwait(false);
            }
            await store.AppendAsync(runId, new RunFinished(RunOutcome.Failed,
                $"interrupted: the process running it stopped{(stage is null ? "" : $" during {stage}")} (killed or crashed); its worktree was removed"), cancellationToken).ConfigureAwait(false);
        }
        return cleaned;
    }
}
