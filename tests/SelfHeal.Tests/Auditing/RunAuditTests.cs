using Microsoft.Extensions.Options;
using SelfHeal.Auditing;
using SelfHeal.Processes;
using SelfHeal.Security;
using SelfHeal.Tests.Security;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Auditing;

public sealed class RunAuditTests : IDisposable
{
    private readonly TempDirectory _dir = new("selfheal-runaudit");
    private readonly AuditLogFactory _logs;
    private readonly RunAudit _audit;

    public RunAuditTests()
    {
        _logs = new AuditLogFactory(Options.Create(new AuditOptions { Directory = _dir.Path }), TimeProvider.System, SecretRedactor.Instance);
        _audit = new RunAudit(_logs);
    }

    public void Dispose()
    {
        _logs.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task CommandAsync_InsideARun_RecordsProgramArgumentsExitDurationAndSandboxWithSecretsHidden()
    {
        var spec = new CommandSpec("dotnet", ["nuget", "push", "--api-key", "oy2secretvalue", "-s", $"https://x:{SecurityTestData.GitHubToken}@example.com"], _dir.Path);
        var result = new CommandResult(1, "", TimeSpan.FromMilliseconds(1234.56)) { Containment = "timeout", TimedOut = true };

        using (_audit.Begin(AuditTestLog.RunId))
        {
            await _audit.CommandAsync(spec, result, "bubblewrap", network: false);
        }

        var entry = Assert.Single(await _logs.ForRun(AuditTestLog.RunId).ReadAsync());
        Assert.Equal(AuditEntryKind.Command, entry.Kind);
        Assert.DoesNotContain("oy2secretvalue", entry.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(SecurityTestData.GitHubToken, entry.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("oy2secretvalue", entry.Summary, StringComparison.Ordinal);
        Assert.Contains("\"program\":\"dotnet\"", entry.Detail, StringComparison.Ordinal);
        Assert.Contains("\"exitCode\":1", entry.Detail, StringComparison.Ordinal);
        Assert.Contains("\"durationMs\":1234.6", entry.Detail, StringComparison.Ordinal);
        Assert.Contains("\"sandbox\":\"bubblewrap\"", entry.Detail, StringComparison.Ordinal);
        Assert.Contains("\"containment\":\"timeout\"", entry.Detail, StringComparison.Ordinal);
        Assert.EndsWith("(bubblewrap): timed out", entry.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordAsync_OutsideARun_WritesNothing()
    {
        await _audit.RecordAsync(AuditEntryKind.FileEdit, "repair", "applied candidate");

        Assert.Null(RunAudit.CurrentRunId);
        Assert.Empty(Directory.EnumerateFiles(_dir.Path));
    }

    [Fact]
    public async Task Begin_FlowsIntoAsyncCallsAndEndsWithTheScope()
    {
        using (_audit.Begin(AuditTestLog.RunId))
        {
            await Task.Run(() => _audit.RecordAsync(AuditEntryKind.FileEdit, "repair", "applied candidate in a.py"));
        }
        await _audit.RecordAsync(AuditEntryKind.FileEdit, "repair", "after the run");

        var entry = Assert.Single(await _logs.ForRun(AuditTestLog.RunId).ReadAsync());
        Assert.Equal("applied candidate in a.py", entry.Summary);
    }
}
