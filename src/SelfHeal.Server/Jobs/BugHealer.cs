using SelfHeal.Bugs;
using SelfHeal.Pipeline;
using SelfHeal.Runs;
using SelfHeal.Sandboxing;

namespace SelfHeal.Server.Jobs;

/// <summary>
/// What a heal job does: finds the bug's repository in <see cref="HealOptions.Repositories"/>, refuses to run without
/// the configured sandbox, and drives the bug's run through the fix stages (<see cref="HealingWorkflow.HealBugAsync"/>,
/// which resumes an unfinished run instead of starting another). Every outcome is recorded with the bug; nothing
/// here throws for a bug that cannot be healed, so its job is never retried for it.
/// </summary>
internal sealed class BugHealer(IBugStore bugs, IServiceProvider services, Microsoft.Extensions.Options.IOptions<HealOptions> options, ILogger<BugHealer> logger)
{
    public async Task HealAsync(string bugId, bool recovering, bool retry, CancellationToken cancellationToken)
    {
        var bug = await bugs.GetAsync(bugId, occurrenceLimit: 0, cancellationToken).ConfigureAwait(false);
        if (bug is null)
        {
            logger.LogWarning("Heal job for bug {BugId}: no such bug", bugId);
            return;
        }
        var report = bug.FirstReport;
        var name = report.Repository ?? bug.Summary.Repository;
        if (name is null || !options.Value.Repositories.TryGetValue(name, out var repository) || string.IsNullOrWhiteSpace(repository.Path))
        {
            var reason = name is null
                ? "The report names no repository, so there is nothing to heal. Send reports with 'repository' set to owner/name."
                : $"The repository '{name}' is not configured. Add its local git checkout to the server's configuration as Heal:Repositories:{name}:Path, then retry.";
            await bugs.SetHealAsync(bugId, new BugHeal(BugHealStatus.NeedsConfiguration, reason), cancellationToken).ConfigureAwait(false);
            return;
        }

        HealingWorkflow workflow;
        try
        {
            // Resolving the sandbox first: it throws when bubblewrap is missing and 'Heal:Sandbox' is not 'none'.
            services.GetRequiredService<SandboxedCommandRunner>();
            workflow = services.GetRequiredService<HealingWorkflow>();
        }
        catch (SandboxUnavailableException e)
        {
            await bugs.SetHealAsync(bugId, new BugHeal(BugHealStatus.Failed,
                $"{e.Message} The server runs a repository's code only in a sandbox; set Heal:Sandbox to 'none' to run it unsandboxed (only for code you trust)."), cancellationToken).ConfigureAwait(false);
            return;
        }

        logger.LogInformation("Healing bug {BugId} in {Repository}{Recovering}", bugId, name, recovering ? " (recovered from a stopped process)" : "");
        await bugs.SetHealAsync(bugId, new BugHeal(BugHealStatus.Running), cancellationToken).ConfigureAwait(false);
        var target = new RunTarget(Path.GetFullPath(repository.Path), report.Commit, repository.TestCommand, IncludeUncommitted: false);
        var started = new RunIdRecorder(bugs, bugId);
        var (runId, state) = await workflow.HealBugAsync(bugId, HealingWorkflow.Fix, report, target, started, retry, cancellationToken).ConfigureAwait(false);
        await bugs.SetHealAsync(bugId, new BugHeal(BugHealStatus.Finished, state.Finished?.Summary, runId), CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Stores the run id with the bug as soon as the run reports its first event.</summary>
    private sealed class RunIdRecorder(IBugStore bugs, string bugId) : IProgress<PipelineProgress>
    {
        private int _recorded;

        public void Report(PipelineProgress value)
        {
            if (Interlocked.Exchange(ref _recorded, 1) == 0)
            {
                // Progress is reported synchronously inside the run; the write is small and must not be lost.
                bugs.SetHealAsync(bugId, new BugHeal(BugHealStatus.Running, RunId: value.RunId)).GetAwaiter().GetResult();
            }
        }
    }
}
