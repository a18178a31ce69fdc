namespace SelfHeal.Bugs;

/// <summary>What the store did with a report.</summary>
public enum BugIntakeOutcome
{
    /// <summary>A new bug.</summary>
    Created,

    /// <summary>A new occurrence of a known bug (same fingerprint or similar text).</summary>
    Occurrence,

    /// <summary>A replay of a delivery already stored; nothing changed.</summary>
    Duplicate,
}
