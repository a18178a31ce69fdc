using SelfHeal.Auditing;
using SelfHeal.Delivery;
using SelfHeal.Reports;
using SelfHeal.Runs;
using SelfHeal.Sandboxing;
using SelfHeal.Workspaces;

namespace SelfHeal.Pipeline;

/// <summary>
/// A whole command as one call (<c>diagnose</c>, <c>fix</c>): tidy up after dead runs, create the run,
/// record where its code runs, drive it through its stages, seal its audit log in the run record, and remove
/// the run's worktree at the end (unless asked to keep it). Hosts share it.
/// </summary>
public sealed class HealingWorkflow(
    IRunStore store,
    PipelineRunner pipeline,
    WorkspaceManager workspaces,
    AbandonedRunRecovery recovery,
    RunReportWriter reports,
    IEnumerable<IPipelineStage> stages,
    TimeProvider timeProvider,
    SandboxedCommandRunner? sandbox = null,
    AuditLogFactory? audits = null,
    Delivery.Notifications.RunNotifications? notifications = null)
{
    /// <summary>Reproduce and localize.</summary>
    public static readonly IReadOnlyList<string> Diagnose = ["reproduce", "localize"];

    /// <summary>Reproduce, localize, repair ⇄ validate, decide, deliver.</summary>
    public static readonly IReadOnlyList<string> Fix = ["reproduce", "localize", "repair", "decide", "deliver"];

    /// <summary>
    /// Runs <paramref name="stageNames"/> on a new run. Returns the run's final state; bad input ends as
    /// <see cref="RunOutcome.Failed"/> with the reason in <see cref="RunState.FailureReason"/>. Throws only on cancellation.
    /// </summary>
    public async Task<(string RunId, RunState State)> RunAsync(IReadOnlyList<string> stageNames, BugReport report, RunTarget target, IProgress<PipelineProgress>? progress = null, bool keepWorkspace = false, CancellationToken cancellationToken = default)
    {
        var ordered = Resolve(stageNames);
        await recovery.RecoverAsync(cancellationToken).ConfigureAwait(false);
        var runId = await CreateAsync(new RunCreated(report, target), progress, cancellationToken).ConfigureAwait(false);
        return (runId, await DriveAsync(runId, ordered, target, progress, keepWorkspace, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Heals stored bug <paramref name="bugId"/>: resumes its unfinished run from the run's event log (completed stages
    /// are skipped), returns its finished run as it is, or starts its first run. A bug therefore never has two runs from
    /// this call, however often it is repeated, as long as two calls for one bug never overlap (the caller's job runs
    /// one at a time per bug). It does not tidy up other processes' runs: a dead process's run is resumed here instead.
    /// With <paramref name="retryFinished"/>, a bug whose latest run has finished gets a new run (a retry).
    /// </summary>
    public async Task<(string RunId, RunState State)> HealBugAsync(string bugId, IReadOnlyList<string> stageNames, BugReport report, RunTarget target, IProgress<PipelineProgress>? progress = null, bool retryFinished = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(bugId);
        var ordered = Resolve(stageNames);
        var existing = (await store.ListAsync(new RunQuery { BugId = bugId, Limit = 1 }, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        if (existing is not null && await store.GetAsync(existing.Id, cancellationToken).ConfigureAwait(false) is { } run)
        {
            if (run.State.Finished is not null && !retryFinished)
            {
                return (run.Id, run.State);
            }
            if (run.State.Finished is not null)
            {
                var retry = await CreateAsync(new RunCreated(report, target) { BugId = bugId }, progress, cancellationToken).ConfigureAwait(false);
                await AppendAsync(retry, new WarningRaised($"retry of run {run.Id}"), progress, cancellationToken).ConfigureAwait(false);
                return (retry, await DriveAsync(retry, ordered, target, progress, keepWorkspace: false, cancellationToken).ConfigureAwait(false));
            }
            await AppendAsync(run.Id, new WarningRaised("resumed: the process running it stopped; completed stages are kept"), progress, cancellationToken).ConfigureAwait(false);
            return (run.Id, await DriveAsync(run.Id, ordered, run.State.Target ?? target, progress, keepWorkspace: false, cancellationToken).ConfigureAwait(false));
        }
        var runId = await CreateAsync(new RunCreated(report, target) { BugId = bugId }, progress, cancellationToken).ConfigureAwait(false);
        return (runId, await DriveAsync(runId, ordered, target, progress, keepWorkspace: false, cancellationToken).ConfigureAwait(false));
    }

    private List<IPipelineStage> Resolve(IReadOnlyList<string> stageNames) =>
        [.. stageNames.Select(name => stages.FirstOrDefault(s => s.Name == name)
            ?? throw new InvalidOperationException($"The '{name}' stage is not registered."))];

    private async Task<string> CreateAsync(RunCreated created, IProgress<PipelineProgress>? progress, CancellationToken cancellationToken)
    {
        var runId = RunId.New(timeProvider);
        var envelope = await store.AppendAsync(runId, created, cancellationToken).ConfigureAwait(false);
        progress?.Report(new PipelineProgress(runId, null, null, envelope));
        if (sandbox is not null)
        {
            await AppendAsync(runId, new SandboxSelected(sandbox.SandboxName, sandbox.IsIsolated), progress, cancellationToken).ConfigureAwait(false);
            if (!sandbox.IsIsolated)
            {
                await AppendAsync(runId, new WarningRaised(NoSandbox.Warning), progress, cancellationToken).ConfigureAwait(false);
            }
        }
        if (notifications is not null && created.Report.Source is not ("cli" or "demo"))
        {
            // A bug from a channel: whoever reported it hears that SelfHeal took it on.
            await notifications.NotifyAsync(runId, Delivery.Notifications.NotificationMoment.Accepted, cancellationToken).ConfigureAwait(false);
        }
        return runId;
    }

    private async Task<RunState> DriveAsync(string runId, List<IPipelineStage> ordered, RunTarget target, IProgress<PipelineProgress>? progress, bool keepWorkspace, CancellationToken cancellationToken)
    {
        RunState? state = null;
        try
        {
            state = await pipeline.RunAsync(runId, ordered, progress, cancellationToken).ConfigureAwait(false);
            if (audits is not null)
            {
                var entries = await audits.ForRun(runId).ReadAsync(cancellationToken).ConfigureAwait(false);
                var last = entries.Count > 0 ? entries[^1] : null;
                await AppendAsync(runId, new AuditSealed(last?.Sequence ?? 0, last?.Hash ?? AuditHashing.GenesisHash), progress, cancellationToken).ConfigureAwait(false);
                state = (await store.GetAsync(runId, cancellationToken).ConfigureAwait(false))?.State ?? state;
            }
            await reports.WriteAsync(runId, cancellationToken).ConfigureAwait(false);
            if (notifications is not null && state.Finished is not null && state.Delivery is null && state.Report?.Source is not ("cli" or "demo"))
            {
                // Whoever reported it hears that no fix is coming (the deliver stage tells them about fixes).
                await notifications.NotifyAsync(runId, Delivery.Notifications.NotificationMoment.Failed, cancellationToken).ConfigureAwait(false);
            }
            return state;
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

    private async Task AppendAsync(string runId, RunEvent runEvent, IProgress<PipelineProgress>? progress, CancellationToken cancellationToken)
    {
        var envelope = await store.AppendAsync(runId, runEvent, cancellationToken).ConfigureAwait(false);
        progress?.Report(new PipelineProgress(runId, null, null, envelope));
    }
}
