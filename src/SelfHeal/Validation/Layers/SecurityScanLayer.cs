using System.Globalization;
using SelfHeal.Runs;
using SelfHeal.Security;

namespace SelfHeal.Validation.Layers;

/// <summary>
/// Scans the candidate's diff for secrets and dangerous additions before any of it runs. A blocking finding (as
/// <see cref="SecurityScanOptions"/> says) fails the layer; advisory findings pass it and lower the confidence
/// in the fix by <see cref="LayerResult.ConfidenceFactor"/>.
/// </summary>
internal sealed class SecurityScanLayer(DiffSecurityScanner scanner, TimeProvider timeProvider) : IValidationLayer
{
    public const string LayerName = "security-scan";

    public string Name => LayerName;

    public int Order => ValidationLayerOrder.SecurityScan;

    public async Task<LayerResult> ValidateAsync(ValidationContext context, CancellationToken cancellationToken = default)
    {
        var started = timeProvider.GetTimestamp();
        var scan = await scanner.ScanAsync(context.Patch, context.WorkspacePath, cancellationToken).ConfigureAwait(false);
        var elapsed = timeProvider.GetElapsedTime(started);
        var details = scan.Findings.Select(f => f.ToString()).ToList();
        if (scan.IsBlocked)
        {
            return new LayerResult(Name, LayerOutcome.Failed, elapsed, "security scan: " + scan.Blocking[0])
            {
                Verdict = CandidateVerdict.RejectedByPolicy,
                Details = details,
                Findings = [.. scan.Findings],
                ConfidenceFactor = 0,
            };
        }
        var summary = scan.Advisory.Count == 0
            ? "no findings in the added lines"
            : string.Create(CultureInfo.InvariantCulture, $"{scan.Advisory.Count} advisory finding(s), confidence ×{scan.Confidence:0.00}: {scan.Advisory[0].RuleId}");
        return new LayerResult(Name, LayerOutcome.Passed, elapsed, summary)
        {
            Details = details,
            Findings = [.. scan.Advisory],
            ConfidenceFactor = scan.Confidence,
        };
    }
}
