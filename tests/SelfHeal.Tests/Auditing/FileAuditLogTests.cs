using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SelfHeal.Auditing;
using SelfHeal.Pipeline;
using SelfHeal.Security;
using SelfHeal.Tests.Security;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Auditing;

public sealed class FileAuditLogTests : IDisposable
{
    private readonly TempDirectory _dir = new("selfheal-audit");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 11, 0, 0, TimeSpan.FromHours(2)));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task AppendAsync_SecretsInSummaryAndDetail_NeverReachTheFile()
    {
        var path = _dir.Combine("log.jsonl");
        using var log = new FileAuditLog(path, _time, SecretRedactor.Instance);

        var entry = await log.AppendAsync(new AuditRecord(AuditTestLog.RunId, "selfheal", AuditEntryKind.Command,
            $"ran git push https://x:{SecurityTestData.GitHubToken}@github.com/o/r",
            new JsonObject { ["env"] = new JsonObject { ["AWS_ACCESS_KEY_ID"] = "AKIAIOSFODNN7EXAMPLE" } }));

        var text = await File.ReadAllTextAsync(path);
        Assert.DoesNotContain(SecurityTestData.GitHubToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain("AKIAIOSFODNN7EXAMPLE", text, StringComparison.Ordinal);
        Assert.Equal("ran git push https://x:[REDACTED:secret-github-token]@github.com/o/r", entry.Summary);
        Assert.Equal("""{"env":{"AWS_ACCESS_KEY_ID":"[REDACTED:secret-aws-access-key]"}}""", entry.Detail);
        Assert.True((await log.VerifyAsync()).IsValid);
    }

    [Fact]
    public async Task AppendAsync_TimestampFromTimeProvider_StoredInUtc()
    {
        using var log = new FileAuditLog(_dir.Combine("log.jsonl"), _time, SecretRedactor.Instance);

        var entry = await log.AppendAsync(new AuditRecord(AuditTestLog.RunId, "selfheal", AuditEntryKind.Decision, "rejected"));

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), entry.Timestamp);
        Assert.Equal(TimeSpan.Zero, (await log.ReadAsync()).Single().Timestamp.Offset);
    }

    [Fact]
    public async Task AppendAsync_ReopenedLog_ContinuesTheChain()
    {
        var path = _dir.Combine("log.jsonl");
        File.Copy(AuditTestLog.GoldenPath, path);
        using var log = new FileAuditLog(path, _time, SecretRedactor.Instance);

        var entry = await log.AppendAsync(new AuditRecord(AuditTestLog.RunId, "watch", AuditEntryKind.Decision, "merged upstream"));

        Assert.Equal(6, entry.Sequence);
        Assert.Equal("08ba9813e620aaee67e9d210c6722966fed44481c657b542ff7c26ecd9f54ad0", entry.PreviousHash);
        Assert.True(AuditVerifier.VerifyFile(path).IsValid);
        Assert.Equal(6, (await log.ReadAsync()).Count);
    }

    [Fact]
    public async Task AppendAsync_DamagedLog_RefusesToExtendIt()
    {
        var path = _dir.Combine("log.jsonl");
        var lines = File.ReadAllLines(AuditTestLog.GoldenPath).ToList();
        lines.RemoveAt(1);
        File.WriteAllLines(path, lines);
        using var log = new FileAuditLog(path, _time, SecretRedactor.Instance);

        var error = await Assert.ThrowsAsync<RunAbortedException>(() =>
            log.AppendAsync(new AuditRecord(AuditTestLog.RunId, "selfheal", AuditEntryKind.Decision, "x")));

        Assert.Contains("entry 2 is missing", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, File.ReadAllLines(path).Length);
    }

    [Fact]
    public async Task AppendAsync_ConcurrentAppends_GetConsecutiveSequenceNumbers()
    {
        using var log = new FileAuditLog(_dir.Combine("log.jsonl"), _time, SecretRedactor.Instance);

        var entries = await Task.WhenAll(Enumerable.Range(1, 20).Select(i =>
            log.AppendAsync(new AuditRecord(AuditTestLog.RunId, "selfheal", AuditEntryKind.Command, $"command {i}"))));

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), entries.Select(e => e.Sequence).Order());
        var verification = await log.VerifyAsync();
        Assert.True(verification.IsValid, verification.ToString());
        Assert.Equal(20, verification.EntryCount);
    }

    [Fact]
    public async Task AuditLogFactory_PerRunAndSingleFile_PlacesEntries()
    {
        using var provider = new ServiceCollection()
            .AddSingleton<TimeProvider>(_time)
            .AddAuditing(o => o.Directory = _dir.Path)
            .BuildServiceProvider();
        var factory = provider.GetRequiredService<AuditLogFactory>();

        await factory.ForRun("20261123-110000-aaaa").AppendAsync(new AuditRecord("20261123-110000-aaaa", "selfheal", AuditEntryKind.Decision, "a"));
        await factory.ForRun("20261123-110000-bbbb").AppendAsync(new AuditRecord("20261123-110000-bbbb", "selfheal", AuditEntryKind.Decision, "b"));
        using var single = new AuditLogFactory(
            Microsoft.Extensions.Options.Options.Create(new AuditOptions { Directory = _dir.Path, Layout = AuditLogLayout.SingleFile }), _time, SecretRedactor.Instance);
        await single.ForRun("20261123-110000-aaaa").AppendAsync(new AuditRecord("20261123-110000-aaaa", "selfheal", AuditEntryKind.Decision, "a"));
        await single.ForRun("20261123-110000-bbbb").AppendAsync(new AuditRecord("20261123-110000-bbbb", "selfheal", AuditEntryKind.Decision, "b"));

        Assert.Same(factory.ForRun("20261123-110000-aaaa"), factory.ForRun("20261123-110000-aaaa"));
        Assert.True(AuditVerifier.VerifyFile(_dir.Combine("20261123-110000-aaaa.jsonl")).IsValid);
        Assert.Equal(2, AuditVerifier.VerifyFile(_dir.Combine("audit.jsonl")).EntryCount);
        Assert.Throws<ArgumentException>(() => factory.ForRun("../escape"));
    }
}
