namespace SelfHeal.Reports;

/// <summary>How soon a bug should be fixed. Ordered: a larger value is sooner.</summary>
public enum BugPriority
{
    /// <summary>Nothing said how soon.</summary>
    Unknown = 0,
    Low = 1,
    Normal = 2,
    High = 3,
    Urgent = 4,
}
