namespace SelfHeal.Auditing;

/// <summary>
/// One entry of a hash-chained audit log. <see cref="Hash"/> is the SHA-256 (lower-case hex) of the canonical
/// serialization of every other field, <see cref="PreviousHash"/> included, so changing, removing, inserting or
/// reordering entries breaks the chain (see <see cref="AuditVerifier"/>).
/// </summary>
/// <param name="Sequence">1-based position in the log.</param>
/// <param name="Detail">Canonical JSON (sorted keys, no spaces) of the redacted detail; <c>null</c> when there is none.</param>
/// <param name="PreviousHash">The previous entry's hash; <see cref="AuditHashing.GenesisHash"/> for the first entry.</param>
public sealed record AuditEntry(
    long Sequence,
    DateTimeOffset Timestamp,
    string RunId,
    string Actor,
    AuditEntryKind Kind,
    string Summary,
    string Detail,
    string PreviousHash,
    string Hash);
