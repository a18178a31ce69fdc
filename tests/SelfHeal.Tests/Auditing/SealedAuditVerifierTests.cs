using SelfHeal.Auditing;
using SelfHeal.Runs;
using SelfHeal.Security;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Auditing;

public sealed class SealedAuditVerifierTests : IDisposable
{
    private readonly TempDirectory _dir = new("selfheal-seal");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Verify_LogMatchingItsSeal_IsValid()
    {
        var (path, lines) = await WriteLogAsync();

        var result = SealedAuditVerifier.Verify(path, SealOf(lines, lines.Length));

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(5, result.EntryCount);
    }

    [Fact]
    public async Task Verify_LastEntriesCut_ReportsTheFirstMissingEntry()
    {
        var (path, lines) = await WriteLogAsync();
        var seal = SealOf(lines, lines.Length);
        await File.WriteAllTextAsync(path, string.Join('\n', lines[..3]) + "\n");

        var result = SealedAuditVerifier.Verify(path, seal);

        Assert.False(result.IsValid);
        Assert.Equal(4, result.FirstBadSequence);
        Assert.Contains("entries 4 to 5 are missing", result.Reason, StringComparison.Ordinal);
        Assert.True(AuditVerifier.VerifyFile(path).IsValid, "the chain alone cannot see a cut at the end");
    }

    [Fact]
    public async Task Verify_LogRewrittenWithAFreshChain_DoesNotMatchTheSeal()
    {
        var (path, lines) = await WriteLogAsync();
        var seal = SealOf(lines, lines.Length);
        File.Delete(path);
        using (var forged = new FileAuditLog(path, TimeProvider.System, SecretRedactor.Instance))
        {
            for (var i = 0; i < lines.Length; i++)
            {
                await forged.AppendAsync(new AuditRecord(AuditTestLog.RunId, "selfheal", AuditEntryKind.Command, "ran nothing of interest"));
            }
        }

        var result = SealedAuditVerifier.Verify(path, seal);

        Assert.True(AuditVerifier.VerifyFile(path).IsValid, "a forged log has a valid chain of its own");
        Assert.False(result.IsValid);
        Assert.Equal(5, result.FirstBadSequence);
        Assert.Contains("the log was rewritten", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_LogDeletedWhole_IsBroken()
    {
        var (path, lines) = await WriteLogAsync();
        var seal = SealOf(lines, lines.Length);
        File.Delete(path);

        var result = SealedAuditVerifier.Verify(path, seal);

        Assert.False(result.IsValid);
        Assert.Contains("the log is gone", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_EntriesAppendedAfterTheSeal_AreStillValid()
    {
        var (path, lines) = await WriteLogAsync();

        var result = SealedAuditVerifier.Verify(path, SealOf(lines, 3));

        Assert.True(result.IsValid, result.ToString());
    }

    private async Task<(string Path, string[] Lines)> WriteLogAsync()
    {
        var path = _dir.Combine(AuditTestLog.RunId + ".jsonl");
        await AuditTestLog.WriteAsync(path);
        return (path, (await File.ReadAllTextAsync(path)).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static AuditSealed SealOf(string[] lines, int entries)
    {
        var hash = System.Text.Json.JsonDocument.Parse(lines[entries - 1]).RootElement.GetProperty("hash").GetString()!;
        return new AuditSealed(entries, hash);
    }
}
