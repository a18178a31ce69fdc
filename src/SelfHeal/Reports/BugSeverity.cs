namespace SelfHeal.Reports;

/// <summary>How bad a bug is. Ordered: a larger value is worse.</summary>
public enum BugSeverity
{
    /// <summary>Nothing said how bad it is.</summary>
    Unknown = 0,
    Low = 1,
    Medium = 2,
    High = 3,
    Critical = 4,
}
