namespace SelfHeal.Validation;

/// <summary>How a validation layer ended.</summary>
public enum LayerOutcome
{
    /// <summary>The check ran and the candidate passed it.</summary>
    Passed,
    /// <summary>The check ran and the candidate failed it: validation stops here.</summary>
    Failed,
    /// <summary>The check did not run (not configured, or another layer did its work); the summary says why.</summary>
    Skipped,
}
