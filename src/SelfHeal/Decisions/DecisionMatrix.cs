namespace SelfHeal.Decisions;

/// <summary>
/// Maps (confidence band, risk level) to a <see cref="DecisionAction"/>, remembering where each cell's value came
/// from. Immutable.
/// </summary>
/// <remarks>
/// The defaults: only a high-confidence fix of low-risk code merges alone; riskier code asks for more reviewers;
/// a low-confidence fix of high-risk code, and anything but a well-proven fix of critical code, is escalated.
/// <code>
///               low risk     medium       high         critical
///   high        auto-merge   one-review   two-reviews  two-reviews
///   medium      one-review   one-review   two-reviews  blocked
///   low         one-review   two-reviews  blocked      blocked
/// </code>
/// </remarks>
public sealed class DecisionMatrix
{
    public const string DefaultSource = "default";

    private readonly Dictionary<(ConfidenceBand, RiskLevel), DecisionCell> _cells;

    private DecisionMatrix(Dictionary<(ConfidenceBand, RiskLevel), DecisionCell> cells) => _cells = cells;

    public static DecisionMatrix Default { get; } = new(new()
    {
        [(ConfidenceBand.High, RiskLevel.Low)] = new(DecisionAction.AutoMerge, DefaultSource),
        [(ConfidenceBand.High, RiskLevel.Medium)] = new(DecisionAction.OneReview, DefaultSource),
        [(ConfidenceBand.High, RiskLevel.High)] = new(DecisionAction.TwoReviews, DefaultSource),
        [(ConfidenceBand.High, RiskLevel.Critical)] = new(DecisionAction.TwoReviews, DefaultSource),
        [(ConfidenceBand.Medium, RiskLevel.Low)] = new(DecisionAction.OneReview, DefaultSource),
        [(ConfidenceBand.Medium, RiskLevel.Medium)] = new(DecisionAction.OneReview, DefaultSource),
        [(ConfidenceBand.Medium, RiskLevel.High)] = new(DecisionAction.TwoReviews, DefaultSource),
        [(ConfidenceBand.Medium, RiskLevel.Critical)] = new(DecisionAction.BlockedEscalated, DefaultSource),
        [(ConfidenceBand.Low, RiskLevel.Low)] = new(DecisionAction.OneReview, DefaultSource),
        [(ConfidenceBand.Low, RiskLevel.Medium)] = new(DecisionAction.TwoReviews, DefaultSource),
        [(ConfidenceBand.Low, RiskLevel.High)] = new(DecisionAction.BlockedEscalated, DefaultSource),
        [(ConfidenceBand.Low, RiskLevel.Critical)] = new(DecisionAction.BlockedEscalated, DefaultSource),
    });

    public DecisionCell this[ConfidenceBand band, RiskLevel risk] => _cells[(band, risk)];

    /// <summary>A copy with one cell replaced.</summary>
    public DecisionMatrix With(ConfidenceBand band, RiskLevel risk, DecisionAction action, string source) =>
        new(new Dictionary<(ConfidenceBand, RiskLevel), DecisionCell>(_cells) { [(band, risk)] = new(action, source) });

    /// <summary>The persisted id of a cell's rule: <c>matrix:high/medium</c>.</summary>
    public static string RuleId(ConfidenceBand band, RiskLevel risk) => $"matrix:{Names.Of(band)}/{Names.Of(risk)}";
}

/// <summary>One cell of the matrix.</summary>
/// <param name="Source">Where its value came from: <c>default</c>, <c>server</c> or <c>.selfheal.yml</c>.</param>
public sealed record DecisionCell(DecisionAction Action, string Source);
