namespace SelfHeal.Bugs;

/// <summary>Where a bug stands.</summary>
public enum BugStatus
{
    /// <summary>Reported and not yet resolved; new occurrences attach to it.</summary>
    Open,

    /// <summary>Fixed or closed; a new occurrence with its fingerprint opens a new bug.</summary>
    Resolved,
}
