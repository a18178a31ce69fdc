namespace SelfHeal.Auditing;

/// <summary>
/// An append-only, hash-chained record of what a run did. Implementations redact secrets from every record
/// before it is hashed and stored, and are safe for concurrent use by one process.
/// </summary>
public interface IAuditLog
{
    /// <summary>Redacts, numbers, timestamps, chains and durably stores <paramref name="record"/>; returns the stored entry.</summary>
    Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default);

    /// <summary>The entries in order. Lines that are not entries are skipped: use <see cref="VerifyAsync"/> to check integrity.</summary>
    Task<IReadOnlyList<AuditEntry>> ReadAsync(CancellationToken cancellationToken = default);

    /// <summary>Checks the whole chain (see <see cref="AuditVerifier"/>).</summary>
    Task<AuditVerificationResult> VerifyAsync(CancellationToken cancellationToken = default);
}
