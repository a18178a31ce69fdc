using SelfHeal.Auditing;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Auditing;

/// <summary>Tampering with a copy of the recorded five-entry log under <c>TestData/Auditing</c>.</summary>
public sealed class AuditVerifierTests : IDisposable
{
    private readonly TempDirectory _dir = new("selfheal-audit");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void VerifyFile_UntamperedLog_Valid()
    {
        var result = AuditVerifier.VerifyFile(AuditTestLog.GoldenPath);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(5, result.EntryCount);
        Assert.Equal("audit log intact: 5 entries", result.ToString());
    }

    [Fact]
    public async Task WriteAsync_SameRecordsAndClock_ReproducesTheRecordedLogByteForByte()
    {
        var path = _dir.Combine("regenerated.jsonl");

        await AuditTestLog.WriteAsync(path);

        Assert.Equal(await File.ReadAllTextAsync(AuditTestLog.GoldenPath), await File.ReadAllTextAsync(path));
    }

    [Fact]
    public void VerifyFile_EditedSummaryText_ReportsThatEntry()
    {
        var result = Tampered(lines => lines[2] = lines[2].Replace("(+1 -1)", "(+1 -0)", StringComparison.Ordinal));

        AssertBroken(result, 3, "entry 3 was modified: its hash does not match its contents");
    }

    [Fact]
    public void VerifyFile_EditedDetailValue_ReportsThatEntry()
    {
        var result = Tampered(lines => lines[1] = lines[1].Replace("\"costUsd\":0.0123", "\"costUsd\":0.0012", StringComparison.Ordinal));

        AssertBroken(result, 2, "entry 2 was modified");
    }

    [Fact]
    public void VerifyFile_DeletedEntry_ReportsTheMissingSequence()
    {
        var result = Tampered(lines => lines.RemoveAt(2));

        AssertBroken(result, 3, "entry 3 is missing: line 3 holds entry 4");
    }

    [Fact]
    public void VerifyFile_TwoEntriesSwapped_ReportsTheFirstPosition()
    {
        var result = Tampered(lines => (lines[1], lines[2]) = (lines[2], lines[1]));

        AssertBroken(result, 2, "entry 2 is missing: line 2 holds entry 3");
    }

    [Fact]
    public void VerifyFile_LastEntryTruncated_ReportsTheLastSequence()
    {
        var path = _dir.Combine("log.jsonl");
        var text = File.ReadAllText(AuditTestLog.GoldenPath);
        File.WriteAllText(path, text[..(text.Length - 40)]);

        var result = AuditVerifier.VerifyFile(path);

        AssertBroken(result, 5, "the last line is cut short");
        Assert.Equal(4, result.EntryCount);
    }

    [Fact]
    public void VerifyFile_DuplicatedEntryInserted_ReportsTheDisplacedSequence()
    {
        var result = Tampered(lines => lines.Insert(2, lines[1]));

        AssertBroken(result, 3, "line 3 holds entry 2 where entry 3 belongs");
    }

    [Fact]
    public void VerifyFile_EntryEditedAndRehashed_NextEntryBreaksTheChain()
    {
        var forged = File.ReadAllLines(AuditTestLog.GoldenPath).ToList();
        var (entry, _) = ParseLine(forged[2]);
        var edited = entry with { Summary = "edited src/invoice.py (+0 -0)" };
        forged[2] = SerializeLine(edited with { Hash = AuditHashing.ComputeHash(edited) });

        var result = Write(forged);

        AssertBroken(result, 4, "entry 4 does not follow entry 3");
    }

    [Fact]
    public void VerifyFile_GarbageLineInTheMiddle_ReportsItsPosition()
    {
        var result = Tampered(lines => lines.Insert(1, "# note added by hand"));

        AssertBroken(result, 2, "line 2 is not an audit entry");
    }

    [Fact]
    public void VerifyFile_NoFile_BrokenNotThrown()
    {
        var result = AuditVerifier.VerifyFile(_dir.Combine("absent.jsonl"));

        Assert.False(result.IsValid);
        Assert.Contains("no audit log", result.Reason, StringComparison.Ordinal);
    }

    private AuditVerificationResult Tampered(Action<List<string>> tamper)
    {
        var lines = File.ReadAllLines(AuditTestLog.GoldenPath).ToList();
        tamper(lines);
        return Write(lines);
    }

    private AuditVerificationResult Write(List<string> lines)
    {
        var path = _dir.Combine("log.jsonl");
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return AuditVerifier.VerifyFile(path);
    }

    private static void AssertBroken(AuditVerificationResult result, long sequence, string reason)
    {
        Assert.False(result.IsValid);
        Assert.Equal(sequence, result.FirstBadSequence);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
    }

    private static (AuditEntry Entry, string? Error) ParseLine(string line)
    {
        var (entry, error) = AuditEntrySerializer.FromLine(line);
        Assert.NotNull(entry);
        return (entry, error);
    }

    private static string SerializeLine(AuditEntry entry) => AuditEntrySerializer.ToLine(entry);
}
