using System.ComponentModel.DataAnnotations;

namespace SelfHeal.Decisions;

/// <summary>
/// The server's (or the CLI's) decision settings. A repository's <c>decision:</c> section in <c>.selfheal.yml</c>
/// overrides them (see docs/policy.md), except that critical-risk code can never be set to merge without review.
/// </summary>
public sealed class DecisionOptions : IValidatableObject
{
    /// <summary>Scores at or above this are high confidence. Default 0.75.</summary>
    [Range(0.0, 1.0)]
    public double HighConfidence { get; set; } = 0.75;

    /// <summary>Scores at or above this (and below <see cref="HighConfidence"/>) are medium confidence. Default 0.5.</summary>
    [Range(0.0, 1.0)]
    public double MediumConfidence { get; set; } = 0.5;

    /// <summary>Cells replacing <see cref="DecisionMatrix.Default"/>'s, keyed <c>confidence/risk</c> (<c>high/medium</c>). Default: none.</summary>
    public Dictionary<string, DecisionAction> Matrix { get; set; } = [];

    /// <summary>Path globs of core code: a change there is high risk. Default: none.</summary>
    public List<string> CorePaths { get; set; } = [];

    /// <summary>Path globs of security-relevant code, in addition to <see cref="DefaultSecurityPaths.Globs"/>: a change there is critical risk.</summary>
    public List<string> SecurityPaths { get; set; } = [];

    /// <summary>A fix changing more files than this is escalated to a human. Default 3.</summary>
    [Range(1, 1000)]
    public int MaxFilesBeforeEscalation { get; set; } = 3;

    /// <summary>Whether a fix that adds or changes concurrency code (locks, atomics, threads) is escalated. Default true.</summary>
    public bool EscalateConcurrency { get; set; } = true;

    /// <summary>Whether a well-proven fix of a critical security bug skips the matrix for <see cref="FastTrackAction"/>. Default true.</summary>
    public bool FastTrack { get; set; } = true;

    /// <summary>
    /// A fix that awaits <em>one</em> review and gets none (and no rejection) within this time is approved by the
    /// policy and merged when its checks pass. <see langword="null"/> (the default): it waits for a person forever.
    /// Never applies to two-review, escalated or critical-risk fixes.
    /// </summary>
    public TimeSpan? ApproveAfter { get; set; }

    /// <summary>Forge logins asked to review SelfHeal's pull requests; a repository's <c>decision.reviewers</c> adds to them.</summary>
    public IList<string> Reviewers { get; set; } = [];

    /// <summary>What a fast-tracked fix gets. Default one review (never less than one: it is critical code).</summary>
    public DecisionAction FastTrackAction { get; set; } = DecisionAction.OneReview;

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MediumConfidence > HighConfidence)
        {
            yield return new ValidationResult($"MediumConfidence ({MediumConfidence}) must not be above HighConfidence ({HighConfidence}).", [nameof(MediumConfidence)]);
        }
        foreach (var key in Matrix.Keys)
        {
            var parts = key.Split('/');
            if (parts.Length != 2 || !Names.TryParse(parts[0], out ConfidenceBand _) || !Names.TryParse(parts[1], out RiskLevel _))
            {
                yield return new ValidationResult(
                    $"Matrix key '{key}' is not 'confidence/risk': use high, medium or low, then low, medium, high or critical, as in 'high/medium'.", [nameof(Matrix)]);
            }
        }
    }
}
