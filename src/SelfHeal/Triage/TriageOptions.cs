using System.ComponentModel.DataAnnotations;

namespace SelfHeal.Triage;

/// <summary>How reports are grouped into bugs.</summary>
public sealed class TriageOptions
{
    /// <summary>
    /// The TF-IDF cosine similarity (0 to 1) from which a report without a stack trace counts as the same bug as an
    /// open one. Default 0.55: reworded reports of one bug group; two bugs that share only an area's vocabulary do not.
    /// </summary>
    [Range(0.05, 1.0)]
    public double SimilarityThreshold { get; set; } = 0.55;

    /// <summary>How many open bugs (most recently seen first) a report without a trace is compared with. Default 1000.</summary>
    [Range(1, 100_000)]
    public int MaxCandidates { get; set; } = 1000;
}
