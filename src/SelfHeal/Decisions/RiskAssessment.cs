namespace SelfHeal.Decisions;

/// <summary>How risky a fix is: the highest level of its factors.</summary>
public sealed record RiskAssessment(RiskLevel Level, IReadOnlyList<RiskFactor> Factors);

/// <summary>Why part of a patch carries a risk level.</summary>
/// <param name="File">The changed file it concerns.</param>
/// <param name="Reason">Why, in words: "matches the security-relevant path glob '*auth*'".</param>
public sealed record RiskFactor(RiskLevel Level, string File, string Reason);
