namespace SelfHeal.Auditing;

/// <summary>
/// Checks a hash-chained audit log: sequence numbers run 1, 2, 3... with no gap, every entry's hash matches its
/// contents, and every entry names its predecessor's hash. Any edit, deletion, insertion or reordering is
/// reported at the first sequence number where the chain breaks.
/// </summary>
/// <remarks>
/// A log verified on its own cannot show that whole entries were cut from its end; compare
/// <see cref="AuditVerificationResult.EntryCount"/> (or the last hash) with a copy kept elsewhere for that.
/// A cut through the middle of the last line is detected.
/// </remarks>
public static class AuditVerifier
{
    /// <summary>Verifies the JSON-lines file at <paramref name="path"/>. A missing file is reported as broken, never thrown.</summary>
    public static AuditVerificationResult VerifyFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            return AuditVerificationResult.Broken(0, 1, 0, $"no audit log at {path}");
        }
        var text = File.ReadAllText(path);
        return Verify(text);
    }

    /// <summary>Verifies the text of a log (one JSON entry per line).</summary>
    public static AuditVerificationResult Verify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        var endsWithNewline = lines[^1].Length == 0;
        if (endsWithNewline)
        {
            lines = lines[..^1];
        }
        var previousHash = AuditHashing.GenesisHash;
        long expected = 1;
        for (var i = 0; i < lines.Length; i++)
        {
            var lineNumber = i + 1;
            var isLast = i == lines.Length - 1;
            var (entry, error) = AuditEntrySerializer.FromLine(lines[i]);
            if (entry is null)
            {
                var reason = isLast && !endsWithNewline
                    ? $"the last line is cut short: {error}"
                    : $"line {lineNumber} is not an audit entry: {error}";
                return AuditVerificationResult.Broken(expected - 1, expected, lineNumber, reason);
            }
            if (entry.Sequence != expected)
            {
                var reason = entry.Sequence > expected
                    ? $"entry {expected} is missing: line {lineNumber} holds entry {entry.Sequence} (entries deleted or reordered)"
                    : $"line {lineNumber} holds entry {entry.Sequence} where entry {expected} belongs (entries inserted, duplicated or reordered)";
                return AuditVerificationResult.Broken(expected - 1, expected, lineNumber, reason);
            }
            if (AuditHashing.ComputeHash(entry) != entry.Hash)
            {
                return AuditVerificationResult.Broken(expected - 1, expected, lineNumber,
                    $"entry {expected} was modified: its hash does not match its contents");
            }
            if (entry.PreviousHash != previousHash)
            {
                return AuditVerificationResult.Broken(expected - 1, expected, lineNumber,
                    $"entry {expected} does not follow entry {expected - 1}: its previous hash does not match (an earlier entry was changed, removed or inserted)");
            }
            previousHash = entry.Hash;
            expected++;
        }
        return AuditVerificationResult.Valid(expected - 1);
    }
}
