using SelfHeal.Processes;
using SelfHeal.Sandboxing;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Sandboxing;

public sealed class NoSandboxTests
{
    [Fact]
    public async Task RunAsync_AnyCommand_CarriesUnsandboxedWarning()
    {
        using var dir = new TempDirectory();
        var sandbox = new NoSandbox(new ProcessRunner());

        var result = await sandbox.RunAsync(new SandboxedCommand(CommandSpec.Shell("echo ran", dir.Path), dir.Path));

        Assert.True(result.Succeeded);
        Assert.Equal("ran\n", result.Output);
        Assert.Contains("UNSANDBOXED", result.Warning, StringComparison.Ordinal);
        Assert.False(sandbox.IsIsolated);
    }

    [Fact]
    public async Task RunAsync_Timeout_ReportsTimeoutContainment()
    {
        using var dir = new TempDirectory();
        var command = new SandboxedCommand(CommandSpec.Shell("sleep 30", dir.Path) with { Timeout = TimeSpan.FromMilliseconds(200) }, dir.Path);

        var result = await new NoSandbox(new ProcessRunner()).RunAsync(command);

        Assert.True(result.TimedOut);
        Assert.Equal("timeout", result.Containment);
    }
}
