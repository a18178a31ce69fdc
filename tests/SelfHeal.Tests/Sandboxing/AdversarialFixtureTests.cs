using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SelfHeal.Processes;
using SelfHeal.Sandboxing;

namespace SelfHeal.Tests.Sandboxing;

/// <summary>
/// Runs each fixture of <c>tests/fixtures/adversarial</c> in the real bubblewrap sandbox and checks, on
/// the host side, that the attack was contained and reported.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class AdversarialFixtureTests
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task RunAsync_NetworkEscape_ConnectionFailsAndHostAcceptsNothing()
    {
        using var harness = new SandboxHarness("network-escape");
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);

            var result = await SandboxHarness.Bubblewrap().RunAsync(harness.RunTests(Generous, environment: new Dictionary<string, string?> { ["SANDBOX_PROBE_PORT"] = port }));

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("2 failed", result.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("CONNECTED", result.Output, StringComparison.Ordinal);
            Assert.False(listener.Pending());
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task RunAsync_SecretTheft_KeyHomeAndSecretVariablesAreOutOfReach()
    {
        using var harness = new SandboxHarness("secret-theft");
        var key = Path.Combine(harness.Parent, "home", ".ssh", "id_rsa");
        Directory.CreateDirectory(Path.GetDirectoryName(key)!);
        var keyText = "FAKE-PRIVATE-KEY-" + harness.Mark;
        File.WriteAllText(key, keyText);
        var hostSecret = "host-secret-" + harness.Mark;
        Environment.SetEnvironmentVariable("SECRET_TOKEN", hostSecret);
        try
        {
            var result = await SandboxHarness.Bubblewrap().RunAsync(harness.RunTests(Generous, environment: new Dictionary<string, string?>
            {
                ["PLANTED_KEY"] = key,
                ["HOST_HOME"] = SandboxHarness.RealHome,
                ["HOME"] = Path.GetDirectoryName(Path.GetDirectoryName(key)),
                ["GITHUB_TOKEN"] = "ghp_" + harness.Mark,
                ["AWS_SECRET_ACCESS_KEY"] = "aws-" + harness.Mark,
            }));

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("FAILED test_secrets.py::test_reads_planted_key", result.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(harness.Mark, result.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("STOLEN-KEY", result.Output, StringComparison.Ordinal);
            Assert.Contains("STOLEN-ENV:{}", result.Output, StringComparison.Ordinal);
            var homeFiles = Directory.Exists(SandboxHarness.RealHome)
                ? Directory.EnumerateFiles(SandboxHarness.RealHome).Select(Path.GetFileName).OfType<string>().ToList()
                : [];
            var listing = result.Output.Split('\n').FirstOrDefault(l => l.StartsWith("STOLEN-HOME:", StringComparison.Ordinal)) ?? "";
            Assert.DoesNotContain(homeFiles, f => listing.Contains(f, StringComparison.Ordinal));
            Assert.Contains("GITHUB_TOKEN", result.Warning, StringComparison.Ordinal);
            Assert.Contains("AWS_SECRET_ACCESS_KEY", result.Warning, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("SECRET_TOKEN", null);
        }
    }

    [Fact]
    public async Task RunAsync_WriteOutside_OnlyWorktreeChanges()
    {
        using var harness = new SandboxHarness("write-outside");
        string[] targets =
        [
            $"/etc/selfheal-escape-{harness.Mark}", $"/usr/selfheal-escape-{harness.Mark}",
            Path.Combine(SandboxHarness.RealHome, $"selfheal-escape-{harness.Mark}"),
            Path.Combine(harness.Parent, $"selfheal-escape-{harness.Mark}"), Path.Combine(Path.GetTempPath(), $"selfheal-escape-{harness.Mark}"),
        ];
        try
        {
            var result = await SandboxHarness.Bubblewrap().RunAsync(harness.RunTests(Generous, environment: new Dictionary<string, string?> { ["HOST_HOME"] = SandboxHarness.RealHome }));

            Assert.True(result.ExitCode == 1, result.Output);
            Assert.DoesNotContain("WROTE", result.Output, StringComparison.Ordinal);
            Assert.All(targets, t => Assert.False(File.Exists(t), t));
            Assert.True(File.Exists(Path.Combine(harness.Worktree, "inside-worktree.txt")));
        }
        finally
        {
            foreach (var target in targets.Where(File.Exists))
            {
                File.Delete(target);
            }
        }
    }

    [Fact]
    public async Task RunAsync_ForkBomb_HitsProcessLimitAndLeavesNothing()
    {
        using var harness = new SandboxHarness("fork-bomb");

        var result = await SandboxHarness.Bubblewrap().RunAsync(harness.RunTests(Short));

        Assert.Equal(-1, result.ExitCode);
        Assert.Equal("processes, timeout", result.Containment);
        Assert.Empty(SandboxHarness.HostProcessesWith(harness.Mark));
        Assert.True((await new ProcessRunner().RunAsync(new CommandSpec("true", [], harness.Parent))).Succeeded);
    }

    [Fact]
    public async Task RunAsync_MemoryHog_IsKilledAtMemoryLimit()
    {
        using var harness = new SandboxHarness("memory-hog");

        var result = await SandboxHarness.Bubblewrap().RunAsync(harness.RunTests(Generous));

        Assert.Equal(137, result.ExitCode);
        Assert.Equal("memory", result.Containment);
    }

    [Fact]
    public async Task RunAsync_MemoryHogWithoutCgroups_FailsAtDataLimit()
    {
        using var harness = new SandboxHarness("memory-hog");

        var result = await SandboxHarness.Bubblewrap(useCgroups: false).RunAsync(harness.RunTests(Generous));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("MemoryError", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_InfiniteLoop_IsKilledAtTimeout()
    {
        using var harness = new SandboxHarness("infinite-loop");

        var result = await SandboxHarness.Bubblewrap().RunAsync(harness.RunTests(TimeSpan.FromSeconds(2)));

        Assert.True(result.TimedOut);
        Assert.Equal(-1, result.ExitCode);
        Assert.Equal("timeout", result.Containment);
        Assert.Empty(SandboxHarness.HostProcessesWith(harness.Worktree));
    }

    [Fact]
    public async Task RunAsync_InfiniteLoopWithCpuLimit_IsStoppedAtCpuLimit()
    {
        using var harness = new SandboxHarness("infinite-loop");

        var result = await SandboxHarness.Bubblewrap().RunAsync(harness.RunTests(Generous, SandboxHarness.SmallLimits with { CpuSeconds = 1 }));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal("cpu", result.Containment);
    }

    [Fact]
    public async Task RunAsync_OutputFlood_IsKilledAtOutputCap()
    {
        using var harness = new SandboxHarness("output-flood");

        var result = await SandboxHarness.Bubblewrap().RunAsync(harness.RunTests(Generous));

        Assert.Equal(-1, result.ExitCode);
        Assert.Equal("output cap", result.Containment);
        Assert.True(result.OutputTruncated);
        Assert.True(result.Output.Length < 128 * 1024);
        Assert.Empty(SandboxHarness.HostProcessesWith(harness.Worktree));
    }

    [Fact]
    public async Task RunAsync_Daemon_NoProcessSurvivesOnHost()
    {
        using var harness = new SandboxHarness("daemon");

        var result = await SandboxHarness.Bubblewrap().RunAsync(harness.RunTests(Generous));

        Assert.Contains("daemons started", result.Output, StringComparison.Ordinal);
        Assert.Empty(SandboxHarness.HostProcessesWith(harness.Mark));
    }

    [Fact]
    public async Task RunAsync_DaemonWithoutSandbox_SurvivesWhichIsWhatTheSandboxPrevents()
    {
        using var harness = new SandboxHarness("daemon");
        var sandbox = SandboxFactory.Create(new SandboxOptions { Kind = SandboxOptions.None, AllowUnsandboxed = true }, new ProcessRunner(), TimeProvider.System);
        try
        {
            var result = await sandbox.RunAsync(harness.RunTests(Generous));

            Assert.Contains(NoSandbox.Warning, result.Warning, StringComparison.Ordinal);
            // The daemon detaches while the test command exits; give it a moment to show up (a bound, not a timing claim).
            for (var i = 0; i < 100 && SandboxHarness.HostProcessesWith(harness.Mark).Count == 0; i++)
            {
                await Task.Delay(100);
            }
            Assert.NotEmpty(SandboxHarness.HostProcessesWith(harness.Mark));
        }
        finally
        {
            foreach (var pid in SandboxHarness.HostProcessesWith(harness.Mark))
            {
                try
                {
                    using var process = System.Diagnostics.Process.GetProcessById(pid);
                    process.Kill();
                }
                catch (ArgumentException)
                {
                    // Already gone.
                }
            }
        }
    }

    [Fact]
    public async Task RunAsync_BigFile_IsStoppedAtFileSizeLimit()
    {
        using var harness = new SandboxHarness("big-file");

        var result = await SandboxHarness.Bubblewrap().RunAsync(harness.RunTests(Generous, SandboxHarness.SmallLimits with { MaxFileSizeBytes = 1024 * 1024 }));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal("file size", result.Containment);
        Assert.True(new FileInfo(Path.Combine(harness.Worktree, "big.bin")).Length <= 1024 * 1024);
    }
}
