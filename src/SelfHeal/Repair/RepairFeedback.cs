using System.Runtime.CompilerServices;

namespace SelfHeal.Repair;

/// <summary>
/// The way back from validation to the engines: the Repair stage records what became of each candidate, and an
/// engine that learns from failures (the LLM engines' self-correction) looks up the candidates it yielded. The
/// stage validates a candidate before it asks its engine for the next one, so when an engine resumes after a
/// <c>yield</c>, the candidate it yielded has its feedback. Keyed by candidate instance. Thread-safe.
/// </summary>
public sealed class RepairFeedback
{
    private readonly ConditionalWeakTable<CandidatePatch, CandidateFeedback> _results = [];

    /// <summary>Records what validation (or the policy and security review) made of <paramref name="candidate"/>.</summary>
    public void Record(CandidatePatch candidate, CandidateFeedback feedback) => _results.AddOrUpdate(candidate, feedback);

    /// <summary>What became of <paramref name="candidate"/>, or <see langword="null"/> when it was not validated (yet).</summary>
    public CandidateFeedback? Find(CandidatePatch candidate) => _results.TryGetValue(candidate, out var feedback) ? feedback : null;
}
