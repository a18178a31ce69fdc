namespace SelfHeal.Auditing;

/// <summary>The outcome of <see cref="AuditVerifier"/>: intact, or the first entry found bad and why.</summary>
/// <param name="EntryCount">Entries read and verified before the first problem (all of them when valid).</param>
/// <param name="FirstBadSequence">The sequence number where the chain first breaks (the entry expected at that position).</param>
/// <param name="LineNumber">The 1-based line of the file where the problem was seen.</param>
public sealed record AuditVerificationResult(bool IsValid, long EntryCount, long? FirstBadSequence, int? LineNumber, string? Reason)
{
    public static AuditVerificationResult Valid(long count) => new(true, count, null, null, null);

    public static AuditVerificationResult Broken(long count, long sequence, int line, string reason) => new(false, count, sequence, line, reason);

    public override string ToString() => IsValid
        ? $"audit log intact: {EntryCount} entries"
        : $"audit log broken at entry {FirstBadSequence} (line {LineNumber}): {Reason}";
}
