namespace SelfHeal.Decisions;

/// <summary>What happens to a fix, and the rule that decided it.</summary>
/// <param name="Rule">
/// The rule's persisted id: <c>matrix:&lt;confidence&gt;/&lt;risk&gt;</c> (a cell of the decision matrix),
/// <c>fast-track:critical-security</c>, or <c>escalate:&lt;reason&gt;</c> (<c>many-files</c>, <c>concurrency</c>,
/// <c>no-reproduction</c>).
/// </param>
/// <param name="RuleSource">Where the rule came from: <c>default</c>, <c>server</c> or <c>.selfheal.yml</c>.</param>
/// <param name="Reason">The decision in a sentence a reviewer reads.</param>
/// <param name="Escalations">Why the fix is beyond what SelfHeal should decide alone, when it is.</param>
public sealed record Decision(
    DecisionAction Action, string Rule, string RuleSource, string Reason,
    ConfidenceAssessment Confidence, RiskAssessment Risk, IReadOnlyList<string> Escalations)
{
    /// <summary>Who the policy asks to review the fix (forge logins), when it needs a review.</summary>
    public IReadOnlyList<string> Reviewers { get; init; } = [];

    /// <summary>
    /// When the policy approves the fix itself if no one reviewed it: only for a one-review decision below critical
    /// risk whose policy sets <c>approve_after_hours</c>.
    /// </summary>
    public TimeSpan? ApproveAfter { get; init; }

    /// <summary>Whether a human must approve before the fix may merge.</summary>
    public bool NeedsReview => Action != DecisionAction.AutoMerge;
}
