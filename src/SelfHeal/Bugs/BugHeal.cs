namespace SelfHeal.Bugs;

/// <summary>Where the healing of a bug stands, as the service's heal job last recorded it.</summary>
/// <param name="Status">What happened (<see cref="BugHealStatus"/>).</param>
/// <param name="Reason">Why, in a sentence a person can act on (for example which setting is missing).</param>
/// <param name="RunId">The run that heals it, once there is one.</param>
public sealed record BugHeal(BugHealStatus Status, string? Reason = null, string? RunId = null);

/// <summary>The states of <see cref="BugHeal"/>. Persisted by name.</summary>
public enum BugHealStatus
{
    /// <summary>A heal job is scheduled and has not started.</summary>
    Scheduled,

    /// <summary>A heal job is working on it.</summary>
    Running,

    /// <summary>The run finished (see the run for its outcome).</summary>
    Finished,

    /// <summary>The service cannot heal it until its configuration changes (unknown repository); not retried.</summary>
    NeedsConfiguration,

    /// <summary>The heal could not run (for example no sandbox); not retried.</summary>
    Failed,
}
