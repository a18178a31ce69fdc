namespace SelfHeal.Security;

/// <summary>Which findings stop a patch and which only lower the confidence in it.</summary>
public sealed class SecurityScanOptions
{
    /// <summary>
    /// Severities that block a patch. Default: <see cref="SecuritySeverity.Critical"/>. Configuration binding adds
    /// to this list, so configuration can make the scan stricter but cannot stop critical findings from blocking.
    /// </summary>
    public List<SecuritySeverity> BlockingSeverities { get; set; } = [SecuritySeverity.Critical];

    /// <summary>Whether any secret blocks, whatever its severity. Default: <see langword="true"/>.</summary>
    public bool SecretsBlock { get; set; } = true;

    /// <summary>
    /// How much each non-blocking finding lowers confidence, as a factor in [0, 1] applied once per finding.
    /// Defaults: high 0.6, medium 0.85, low 0.95.
    /// </summary>
    public Dictionary<SecuritySeverity, double> ConfidenceFactors { get; set; } = new()
    {
        [SecuritySeverity.Critical] = 0.4,
        [SecuritySeverity.High] = 0.6,
        [SecuritySeverity.Medium] = 0.85,
        [SecuritySeverity.Low] = 0.95,
    };

    /// <summary>Whether <paramref name="finding"/> blocks under these options.</summary>
    public bool Blocks(SecurityFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return (SecretsBlock && finding.IsSecret) || BlockingSeverities.Contains(finding.Severity);
    }
}
