namespace SelfHeal.Decisions;

/// <summary>The kebab-case names of bands, levels and actions, as written in <c>.selfheal.yml</c>, rule ids and reports.</summary>
public static class Names
{
    public static string Of(ConfidenceBand band) => band switch
    {
        ConfidenceBand.High => "high",
        ConfidenceBand.Medium => "medium",
        _ => "low",
    };

    public static string Of(RiskLevel risk) => risk switch
    {
        RiskLevel.Critical => "critical",
        RiskLevel.High => "high",
        RiskLevel.Medium => "medium",
        _ => "low",
    };

    public static string Of(DecisionAction action) => action switch
    {
        DecisionAction.AutoMerge => "auto-merge",
        DecisionAction.OneReview => "one-review",
        DecisionAction.TwoReviews => "two-reviews",
        _ => "blocked-and-escalated",
    };

    public static bool TryParse(string? text, out ConfidenceBand band)
    {
        (var ok, band) = text switch
        {
            "high" => (true, ConfidenceBand.High),
            "medium" => (true, ConfidenceBand.Medium),
            "low" => (true, ConfidenceBand.Low),
            _ => (false, ConfidenceBand.Low),
        };
        return ok;
    }

    public static bool TryParse(string? text, out RiskLevel risk)
    {
        (var ok, risk) = text switch
        {
            "critical" => (true, RiskLevel.Critical),
            "high" => (true, RiskLevel.High),
            "medium" => (true, RiskLevel.Medium),
            "low" => (true, RiskLevel.Low),
            _ => (false, RiskLevel.Low),
        };
        return ok;
    }

    public static bool TryParse(string? text, out DecisionAction action)
    {
        (var ok, action) = text switch
        {
            "auto-merge" => (true, DecisionAction.AutoMerge),
            "one-review" => (true, DecisionAction.OneReview),
            "two-reviews" => (true, DecisionAction.TwoReviews),
            "blocked" or "blocked-and-escalated" => (true, DecisionAction.BlockedEscalated),
            _ => (false, DecisionAction.BlockedEscalated),
        };
        return ok;
    }
}
