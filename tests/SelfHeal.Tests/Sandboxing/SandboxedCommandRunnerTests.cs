using Microsoft.Extensions.Options;
using SelfHeal.Auditing;
using SelfHeal.Processes;
using SelfHeal.Sandboxing;
using SelfHeal.Security;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Sandboxing;

[Collection(SandboxCollection.Name)]
public sealed class SandboxedCommandRunnerTests : IDisposable
{
    private readonly TempDirectory _dir = new("selfheal-sbxrunner");
    private readonly SandboxOptions _options;

    public SandboxedCommandRunnerTests()
    {
        _options = new SandboxOptions { CacheDirectory = _dir.Combine("cache") };
        Directory.CreateDirectory(Worktree);
    }

    private string Worktree => _dir.Combine("worktree");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task RunAsync_BuildOrTest_SeesTheCachesReadOnlyAndNoNetwork()
    {
        var runner = new SandboxedCommandRunner(SandboxHarness.Bubblewrap(), _options);

        var result = await runner.RunAsync(CommandSpec.Shell("echo $NUGET_PACKAGES; touch \"$NUGET_PACKAGES/poisoned\"", Worktree), Worktree);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(Path.Combine(_options.CacheDirectory, "nuget", "packages"), result.Output, StringComparison.Ordinal);
        Assert.Contains("Read-only file system", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_options.CacheDirectory, "nuget", "packages", "poisoned")));
    }

    [Fact]
    public async Task RunAsync_RestoreStep_MayWriteTheCachesButNothingElseOutsideTheWorktree()
    {
        var runner = new SandboxedCommandRunner(SandboxHarness.Bubblewrap(), _options);
        var outside = _dir.Combine("outside.txt");
        var command = new SandboxedCommand(CommandSpec.Shell($"touch \"$npm_config_cache/fetched\" && touch '{outside}'", Worktree), Worktree) { AllowNetwork = true };

        var result = await runner.RunAsync(command);

        Assert.True(File.Exists(Path.Combine(_options.CacheDirectory, "npm", "fetched")), result.Output);
        Assert.False(File.Exists(outside));
    }

    [Fact]
    public async Task RunAsync_UserNuGetFolder_IsAReadOnlyFallback()
    {
        var host = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        Assert.True(Directory.Exists(host), "the .NET tests restore into ~/.nuget/packages");
        var runner = new SandboxedCommandRunner(SandboxHarness.Bubblewrap(), _options);

        var result = await runner.RunAsync(CommandSpec.Shell("echo \"$NUGET_FALLBACK_PACKAGES\"; ls \"$NUGET_FALLBACK_PACKAGES\" | head -1; touch \"$NUGET_FALLBACK_PACKAGES/poisoned\"", Worktree), Worktree);

        Assert.StartsWith(host + "\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("Read-only file system", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(host, "poisoned")));
    }

    [Fact]
    public async Task RunAsync_InsideARun_IsRecordedInTheAuditLogWithItsSandbox()
    {
        using var logs = new AuditLogFactory(Options.Create(new AuditOptions { Directory = _dir.Combine("audit") }), TimeProvider.System, SecretRedactor.Instance);
        var audit = new RunAudit(logs);
        var runner = new SandboxedCommandRunner(SandboxHarness.Bubblewrap(), _options, audit);
        const string runId = "20261123-140000-abcd";

        using (audit.Begin(runId))
        {
            await runner.RunAsync(CommandSpec.Shell("exit 3", Worktree), Worktree);
        }

        var entry = Assert.Single(await logs.ForRun(runId).ReadAsync());
        Assert.Equal("ran exit 3 (bubblewrap): exit 3", entry.Summary);
        Assert.Contains("\"network\":false", entry.Detail, StringComparison.Ordinal);
        Assert.True((await logs.ForRun(runId).VerifyAsync()).IsValid);
    }
}
