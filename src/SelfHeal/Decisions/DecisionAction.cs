namespace SelfHeal.Decisions;

/// <summary>What happens to a fix. Ordered: a higher value asks more of people.</summary>
public enum DecisionAction
{
    /// <summary>Merge without a human review.</summary>
    AutoMerge,
    /// <summary>One approving review before merging.</summary>
    OneReview,
    /// <summary>Two approving reviews before merging.</summary>
    TwoReviews,
    /// <summary>Not merged; a human takes over the bug.</summary>
    BlockedEscalated,
}
