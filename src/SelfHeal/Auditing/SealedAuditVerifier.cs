using SelfHeal.Runs;

namespace SelfHeal.Auditing;

/// <summary>
/// Verifies a run's audit log against the seal its run record keeps (<see cref="AuditSealed"/>): the hash chain
/// shows edits, deletions, insertions and reordering inside the log; the seal also shows entries cut from its end,
/// a log deleted whole, and a log rewritten with a fresh chain.
/// </summary>
public static class SealedAuditVerifier
{
    /// <summary>Verifies the log at <paramref name="path"/>; <paramref name="seal"/> is the run record's latest seal, if any.</summary>
    public static AuditVerificationResult Verify(string path, AuditSealed? seal)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            return seal is { Entries: > 0 }
                ? AuditVerificationResult.Broken(0, 1, 0, $"the log is gone: the run record says it held {seal.Entries} entries")
                : AuditVerificationResult.Broken(0, 1, 0, $"no audit log at {path}");
        }
        var text = File.ReadAllText(path);
        var chain = AuditVerifier.Verify(text);
        if (!chain.IsValid || seal is null)
        {
            return chain;
        }
        if (chain.EntryCount < seal.Entries)
        {
            var first = chain.EntryCount + 1;
            var missing = first == seal.Entries ? $"entry {first} is" : $"entries {first} to {seal.Entries} are";
            return AuditVerificationResult.Broken(chain.EntryCount, first, (int)Math.Min(int.MaxValue, first),
                $"{missing} missing: the log ends at entry {chain.EntryCount} but the run record says it held {seal.Entries} (entries cut from the end)");
        }
        if (seal.Entries == 0)
        {
            return chain;
        }
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var sealedEntry = AuditEntrySerializer.FromLine(lines[seal.Entries - 1]).Entry;
        return sealedEntry?.Hash == seal.LastHash
            ? chain
            : AuditVerificationResult.Broken(seal.Entries - 1, seal.Entries, (int)Math.Min(int.MaxValue, seal.Entries),
                $"entry {seal.Entries} does not match the run record's seal: the log was rewritten");
    }
}
