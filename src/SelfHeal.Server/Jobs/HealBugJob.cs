using Quartz;

namespace SelfHeal.Server.Jobs;

/// <summary>
/// The durable job that heals one stored bug; its key's name is the bug id, so a bug has at most one. It never runs
/// twice at once, and a job whose process died is recovered by another process (or the next start), which resumes the
/// bug's run from its event log (<see cref="BugHealer"/>).
/// </summary>
[DisallowConcurrentExecution]
internal sealed class HealBugJob(BugHealer healer) : IJob
{
    /// <summary>The group of heal jobs.</summary>
    public const string Group = "heal";

    /// <summary>The trigger data key that asks for a new run when the bug's latest run has finished.</summary>
    public const string RetryKey = "retry";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await healer.HealAsync(context.JobDetail.Key.Name, context.Recovering, context.MergedJobDataMap.TryGetBoolean(RetryKey, out var retry) && retry, cancellationToken).ConfigureAwait(false);
}
