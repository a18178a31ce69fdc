using SelfHeal.Runs;

namespace SelfHeal.Validation;

/// <summary>
/// What validation concluded about a candidate: plausible or not, the layer that failed, and the evidence of every
/// layer that ran, in order.
/// </summary>
/// <param name="Outcome">How far the candidate got; <see cref="CandidateVerdict.Plausible"/> when every layer passed or was skipped.</param>
/// <param name="FailedLayer">The name of the layer that failed, or <see langword="null"/>.</param>
/// <param name="FixedTests">How many of the reproduced failures pass with the candidate.</param>
/// <param name="Detail">Why it stopped, or what it achieved, in a line.</param>
/// <param name="Evidence">Each layer's result, in the order they ran.</param>
public sealed record Verdict(CandidateVerdict Outcome, string? FailedLayer, int FixedTests, string? Detail, IReadOnlyList<LayerResult> Evidence)
{
    public bool IsPlausible => Outcome == CandidateVerdict.Plausible;

    /// <summary>The candidate's unified diff; kept for plausible candidates only (they are compared when deciding).</summary>
    public string? Diff { get; init; }

    /// <summary>The result of layer <paramref name="name"/>, when it ran.</summary>
    public LayerResult? Layer(string name) => Evidence.FirstOrDefault(e => e.Layer == name);
}
