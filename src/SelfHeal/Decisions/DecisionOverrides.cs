namespace SelfHeal.Decisions;

/// <summary>
/// The <c>decision:</c> section of a repository's <c>.selfheal.yml</c>, as read (validated, not yet merged with the
/// server's <see cref="DecisionOptions"/>). <see langword="null"/> members leave the server's value.
/// </summary>
public sealed record DecisionOverrides
{
    public static readonly DecisionOverrides None = new();

    public double? HighConfidence { get; init; }

    public double? MediumConfidence { get; init; }

    public IReadOnlyList<(ConfidenceBand Band, RiskLevel Risk, DecisionAction Action)> Matrix { get; init; } = [];

    /// <summary>Added to the server's core paths.</summary>
    public IReadOnlyList<string> CorePaths { get; init; } = [];

    /// <summary>Added to the security-relevant paths.</summary>
    public IReadOnlyList<string> SecurityPaths { get; init; } = [];

    public int? MaxFilesBeforeEscalation { get; init; }

    public bool? EscalateConcurrency { get; init; }

    public bool? FastTrack { get; init; }

    /// <summary>Replaces the server's <see cref="DecisionOptions.ApproveAfter"/>.</summary>
    public TimeSpan? ApproveAfter { get; init; }

    /// <summary>Added to the server's reviewers.</summary>
    public IReadOnlyList<string> Reviewers { get; init; } = [];
}
