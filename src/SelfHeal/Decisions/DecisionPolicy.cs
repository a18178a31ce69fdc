namespace SelfHeal.Decisions;

/// <summary>The effective decision settings for one repository: the server's options with the repository's overrides.</summary>
public sealed record DecisionPolicy(
    DecisionMatrix Matrix,
    double HighConfidence,
    double MediumConfidence,
    IReadOnlyList<string> CorePaths,
    IReadOnlyList<string> SecurityPaths,
    int MaxFilesBeforeEscalation,
    bool EscalateConcurrency,
    bool FastTrack,
    DecisionAction FastTrackAction)
{
    /// <summary>Forge logins asked to review SelfHeal's pull requests.</summary>
    public IReadOnlyList<string> Reviewers { get; init; } = [];

    /// <summary>After how long an unreviewed one-review fix is approved by the policy, if ever.</summary>
    public TimeSpan? ApproveAfter { get; init; }

    public const string ServerSource = "server";
    public const string RepositorySource = ".selfheal.yml";

    /// <summary>Merges <paramref name="overrides"/> (from <c>.selfheal.yml</c>) over <paramref name="options"/>.</summary>
    public static DecisionPolicy From(DecisionOptions options, DecisionOverrides? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        overrides ??= DecisionOverrides.None;
        var matrix = DecisionMatrix.Default;
        foreach (var (key, action) in options.Matrix)
        {
            var parts = key.Split('/');
            if (parts.Length == 2 && Names.TryParse(parts[0], out ConfidenceBand band) && Names.TryParse(parts[1], out RiskLevel risk))
            {
                matrix = matrix.With(band, risk, Floor(risk, action), ServerSource);
            }
        }
        foreach (var (band, risk, action) in overrides.Matrix)
        {
            matrix = matrix.With(band, risk, Floor(risk, action), RepositorySource);
        }
        return new DecisionPolicy(
            matrix,
            overrides.HighConfidence ?? options.HighConfidence,
            overrides.MediumConfidence ?? options.MediumConfidence,
            [.. options.CorePaths, .. overrides.CorePaths],
            [.. DefaultSecurityPaths.Globs, .. options.SecurityPaths, .. overrides.SecurityPaths],
            overrides.MaxFilesBeforeEscalation ?? options.MaxFilesBeforeEscalation,
            overrides.EscalateConcurrency ?? options.EscalateConcurrency,
            overrides.FastTrack ?? options.FastTrack,
            Floor(RiskLevel.Critical, options.FastTrackAction))
        {
            Reviewers = [.. options.Reviewers.Concat(overrides.Reviewers).Distinct(StringComparer.OrdinalIgnoreCase)],
            ApproveAfter = overrides.ApproveAfter ?? options.ApproveAfter,
        };
    }

    /// <summary>Critical-risk code always needs a human: auto-merge there becomes one review.</summary>
    private static DecisionAction Floor(RiskLevel risk, DecisionAction action) =>
        risk == RiskLevel.Critical && action == DecisionAction.AutoMerge ? DecisionAction.OneReview : action;

    public ConfidenceBand BandOf(double score) =>
        score >= HighConfidence ? ConfidenceBand.High : score >= MediumConfidence ? ConfidenceBand.Medium : ConfidenceBand.Low;
}
