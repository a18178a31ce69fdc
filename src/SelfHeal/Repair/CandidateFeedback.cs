using SelfHeal.Runs;

namespace SelfHeal.Repair;

/// <summary>What became of a candidate.</summary>
/// <param name="Detail">Why it stopped (the still-failing test, the first compiler error, the policy rule), or the test count when plausible.</param>
public sealed record CandidateFeedback(CandidateVerdict Verdict, int FixedTests, string? Detail);
