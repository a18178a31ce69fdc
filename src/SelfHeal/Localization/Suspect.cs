namespace SelfHeal.Localization;

/// <summary>A place the bug may live, with the evidence that put it there.</summary>
/// <param name="File">Repo-relative path, forward slashes.</param>
/// <param name="StartLine">First line of the span (1-based).</param>
/// <param name="EndLine">Last line of the span (inclusive).</param>
/// <param name="Symbol">The enclosing method, function or class, when known (<c>Cart.Total</c>).</param>
/// <param name="Score">Combined score in [0, 1]; higher is more suspicious.</param>
/// <param name="Evidence">Each signal's contribution to <paramref name="Score"/>.</param>
public sealed record Suspect(string File, int StartLine, int EndLine, string? Symbol, double Score, IReadOnlyList<SuspectEvidence> Evidence)
{
    public override string ToString() => StartLine == EndLine ? $"{File}:{StartLine}" : $"{File}:{StartLine}-{EndLine}";
}

/// <summary>One signal's say about a suspect.</summary>
/// <param name="Signal">The signal: <c>stack</c>, <c>sbfl</c>, <c>text</c>, <c>reach</c>, <c>history</c>.</param>
/// <param name="Contribution">What it added to the suspect's score (already weighted).</param>
/// <param name="Detail">Why, in words a person reads: "frame #1 of NullReferenceException", "Ochiai 0.71 (ef=1, ep=0)".</param>
public sealed record SuspectEvidence(string Signal, double Contribution, string Detail);
