using SelfHeal.Decisions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SelfHeal.Policy;

/// <summary>
/// Reads the <c>decision:</c> section of <c>.selfheal.yml</c>:
/// <code>
/// decision:
///   matrix:                                  # cells replacing the defaults: confidence band → risk level → action
///     high: { medium: auto-merge }
///     low: { medium: blocked }
///   confidence: { high: 0.8, medium: 0.55 }  # band thresholds of the score
///   core_paths: [src/Billing/**]             # changes here are high risk
///   security_paths: [src/Vault/**]           # changes here are critical risk (added to the built-in globs)
///   max_files: 2                             # more files changed than this escalates to a human
///   escalate_concurrency: true               # locks, atomics, threads in the diff escalate to a human
///   fast_track: true                         # critical security fixes skip the matrix for one review
///   reviewers: [alice, bob]                  # forge logins asked to review SelfHeal's pull requests
///   approve_after_hours: 24                  # a fix awaiting one review merges after this long without one
/// </code>
/// Actions: auto-merge, one-review, two-reviews, blocked. Critical risk can never be auto-merge.
/// </summary>
internal static class DecisionSection
{
    public static (DecisionOverrides? Overrides, string? Error, Mark Mark) Read(YamlNode node)
    {
        var section = YamlSettings.Open("decision", node, "matrix", "confidence", "core_paths", "security_paths", "max_files", "escalate_concurrency", "fast_track", "reviewers", "approve_after_hours");
        var matrix = new List<(ConfidenceBand, RiskLevel, DecisionAction)>();
        if (section.Error is null && section.Node("matrix") is { } matrixNode)
        {
            ReadMatrix(section, matrixNode, matrix);
        }
        double? high = null, medium = null;
        if (section.Error is null && section.Node("confidence") is { } confidenceNode)
        {
            var confidence = YamlSettings.Open("decision.confidence", confidenceNode, "high", "medium");
            high = confidence.Number("high", 0, 1);
            medium = confidence.Number("medium", 0, 1);
            if (confidence.Error is null && high is { } h && medium is { } m && m > h)
            {
                confidence.Fail("decision.confidence: medium must not be above high", confidenceNode.Start);
            }
            if (confidence.Error is { } error)
            {
                return (null, error.Message, error.Mark);
            }
        }
        var core = section.Strings("core_paths");
        var security = section.Strings("security_paths");
        var maxFiles = section.Number("max_files", 1, 1000);
        if (section.Error is null && maxFiles is { } files && files != Math.Floor(files))
        {
            section.Fail("decision.max_files: expected a whole number", section.Node("max_files")!.Start);
        }
        var concurrency = section.Boolean("escalate_concurrency");
        var fastTrack = section.Boolean("fast_track");
        var reviewers = section.Strings("reviewers");
        var approveAfter = section.Number("approve_after_hours", 1, 24 * 90);
        if (section.Error is null && reviewers.FirstOrDefault(r => !IsLogin(r)) is { } badReviewer)
        {
            section.Fail($"decision.reviewers: '{badReviewer}' is not a login (letters, digits, '-', '_', '.'; at most 100 characters)", section.Node("reviewers")!.Start);
        }
        if (section.Error is { } sectionError)
        {
            return (null, sectionError.Message, sectionError.Mark);
        }
        return (new DecisionOverrides
        {
            Matrix = matrix,
            HighConfidence = high,
            MediumConfidence = medium,
            CorePaths = core,
            SecurityPaths = security,
            MaxFilesBeforeEscalation = maxFiles is null ? null : (int)maxFiles.Value,
            EscalateConcurrency = concurrency,
            FastTrack = fastTrack,
            Reviewers = reviewers,
            ApproveAfter = approveAfter is { } hours ? TimeSpan.FromHours(hours) : null,
        }, null, Mark.Empty);
    }

    private static bool IsLogin(string value) =>
        value.Length is > 0 and <= 100 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static void ReadMatrix(YamlSettings section, YamlNode matrixNode, List<(ConfidenceBand, RiskLevel, DecisionAction)> cells)
    {
        var bands = YamlSettings.Open("decision.matrix", matrixNode, "high", "medium", "low");
        if (bands.Error is { } error)
        {
            section.Fail(error.Message, error.Mark);
            return;
        }
        foreach (var (bandKey, risksNode) in ((YamlMappingNode)matrixNode).Children)
        {
            var bandName = ((YamlScalarNode)bandKey).Value!;
            Names.TryParse(bandName, out ConfidenceBand band);
            var risks = YamlSettings.Open($"decision.matrix.{bandName}", risksNode, "low", "medium", "high", "critical");
            if (risks.Error is { } riskError)
            {
                section.Fail(riskError.Message, riskError.Mark);
                return;
            }
            foreach (var (riskKey, actionNode) in ((YamlMappingNode)risksNode).Children)
            {
                var riskName = ((YamlScalarNode)riskKey).Value!;
                Names.TryParse(riskName, out RiskLevel risk);
                var text = (actionNode as YamlScalarNode)?.Value;
                var where = $"decision.matrix.{bandName}.{riskName}";
                if (!Names.TryParse(text, out DecisionAction action))
                {
                    section.Fail($"{where}: '{text}' is not an action; use one of auto-merge, one-review, two-reviews, blocked", actionNode.Start);
                    return;
                }
                if (risk == RiskLevel.Critical && action == DecisionAction.AutoMerge)
                {
                    section.Fail($"{where}: auto-merge is not allowed for critical risk (security-relevant code always gets a human review); use one-review or stricter", actionNode.Start);
                    return;
                }
                cells.Add((band, risk, action));
            }
        }
    }
}
