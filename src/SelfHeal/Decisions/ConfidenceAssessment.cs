namespace SelfHeal.Decisions;

/// <summary>How sure SelfHeal is of a fix, and why.</summary>
/// <param name="Score">The sum of the factors' contributions, clamped to [0, 1].</param>
/// <param name="Factors">Every factor considered, including those that contributed nothing (so the report says what was unknown).</param>
public sealed record ConfidenceAssessment(double Score, ConfidenceBand Band, IReadOnlyList<ConfidenceFactor> Factors);

/// <summary>One piece of evidence's say on confidence.</summary>
/// <param name="Name">Persisted id: <c>reproduced</c>, <c>no-regressions</c>, <c>agreement</c>, <c>change-size</c>, <c>coverage</c>, <c>engine</c>, <c>security-findings</c>, <c>performance</c>, <c>e2e</c>.</param>
/// <param name="Contribution">What it added to (or took from) the score.</param>
/// <param name="Detail">Why, in words.</param>
public sealed record ConfidenceFactor(string Name, double Contribution, string Detail);
