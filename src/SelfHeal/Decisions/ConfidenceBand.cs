namespace SelfHeal.Decisions;

/// <summary>How sure SelfHeal is of a fix, in bands of <see cref="ConfidenceAssessment.Score"/>. Ordered: higher is surer.</summary>
public enum ConfidenceBand
{
    Low,
    Medium,
    High,
}
