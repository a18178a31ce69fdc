namespace SelfHeal.Security;

/// <summary>The findings of one scan, split by <see cref="SecurityScanOptions"/> into blocking and advisory.</summary>
/// <param name="Confidence">The product of the confidence factors of the advisory findings: 1 when there are none.</param>
public sealed record SecurityScanResult(IReadOnlyList<SecurityFinding> Blocking, IReadOnlyList<SecurityFinding> Advisory, double Confidence)
{
    public bool IsBlocked => Blocking.Count > 0;

    public IEnumerable<SecurityFinding> Findings => Blocking.Concat(Advisory);
}
