using System.Globalization;
using System.Text.RegularExpressions;

namespace SelfHeal.Decisions;

/// <summary>
/// Decides what happens to a fix, in this order: beyond the complexity threshold it is escalated
/// (<c>escalate:&lt;reason&gt;</c>); a well-proven fix of a critical security bug takes the fast track
/// (<c>fast-track:critical-security</c>); otherwise the matrix cell of its confidence band and risk level decides
/// (<c>matrix:&lt;band&gt;/&lt;risk&gt;</c>). Pure.
/// </summary>
public static partial class Decider
{
    public const string FastTrackRule = "fast-track:critical-security";

    public static Decision Decide(DecisionInput input, DecisionPolicy policy)
    {
        var decision = DecideAction(input, policy) with { Reviewers = policy.Reviewers };
        return decision.Action == DecisionAction.OneReview && decision.Risk.Level != RiskLevel.Critical && policy.ApproveAfter is { } after
            ? decision with { ApproveAfter = after }
            : decision;
    }

    private static Decision DecideAction(DecisionInput input, DecisionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(policy);
        var confidence = ConfidenceScorer.Score(input, policy);
        var risk = RiskAssessor.Assess(input, policy);
        var escalations = ComplexityCheck.Check(input, policy);
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{Names.Of(confidence.Band)} confidence ({confidence.Score:0.00}) and {Names.Of(risk.Level)} risk ({risk.Factors.FirstOrDefault()?.Reason ?? "nothing changes"})");
        if (escalations.Count > 0)
        {
            var id = escalations[0].Split(':')[0];
            return new Decision(DecisionAction.BlockedEscalated, "escalate:" + id, DecisionPolicy.ServerSource,
                $"Escalated to a human instead of guessing: {escalations[0]}.", confidence, risk, escalations);
        }
        if (policy.FastTrack && risk.Level == RiskLevel.Critical && confidence.Band >= ConfidenceBand.Medium
            && IsSecurityFix(input) is { } why)
        {
            return new Decision(policy.FastTrackAction, FastTrackRule, DecisionPolicy.ServerSource,
                $"Fast track for a critical security fix ({why}): {Names.Of(policy.FastTrackAction)} instead of the matrix's {Names.Of(policy.Matrix[confidence.Band, risk.Level].Action)}; {summary}.",
                confidence, risk, []);
        }
        var cell = policy.Matrix[confidence.Band, risk.Level];
        return new Decision(cell.Action, DecisionMatrix.RuleId(confidence.Band, risk.Level), cell.Source,
            $"{Capitalized(Names.Of(cell.Action))}: {summary}.", confidence, risk, []);
    }

    /// <summary>
    /// Why the fix is a security fix, or <see langword="null"/>: it changes code the scan flags as dangerous without adding
    /// any finding of its own, or the report calls the bug a security problem.
    /// </summary>
    private static string? IsSecurityFix(DecisionInput input)
    {
        var added = input.Verdict.Layer(Validation.Layers.SecurityScanLayer.LayerName)?.Findings ?? [];
        if (added.Count > 0)
        {
            return null;
        }
        if (input.ChangedSecurityFindings.FirstOrDefault() is { } removed)
        {
            return $"it replaces code the scan flags as {removed.RuleId} at {removed.File}:{removed.Line}";
        }
        return input.Report is { } report && SecurityWords().Match(report.Title + "\n" + report.Description) is { Success: true } word
            ? $"the report describes a security bug ('{word.Value}')"
            : null;
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..].Replace('-', ' ');

    [GeneratedRegex(@"\bCVE-\d{4}-\d+|\bvulnerab\w*|\b(sql|command|code)\s+injection\b|\bXSS\b|\bCSRF\b|\bauth(entication|orization)?\s+bypass\b|\bprivilege\s+escalation\b|\bsecurity\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecurityWords();
}
