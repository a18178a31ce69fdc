using System.Text.Json;
using SelfHeal.Tests.Support;

namespace SelfHeal.Cli.Tests;

/// <summary><c>--sandbox</c> on the real CLI: the repository's commands run in bubblewrap unless the user opts out, loudly.</summary>
[Collection(nameof(SlowCliCollection))]
public sealed class SandboxTests : IDisposable
{
    private readonly CliProcess _cli = new();
    private readonly TempDirectory _outside = new("selfheal-outside");

    [Fact]
    public async Task Diagnose_Default_RunsTheTestsInBubblewrapAndRecordsIt()
    {
        Requires.Tool("bwrap");
        Requires.Tool("python3");
        using var repo = await FailingPythonRepositoryAsync();

        var result = await _cli.RunAsync("diagnose", "--repo", repo.Path, "--json");

        Assert.True(result.ExitCode == 0, result.Output);
        using var json = JsonDocument.Parse(result.Stdout);
        var sandbox = json.RootElement.GetProperty("sandbox");
        Assert.Equal("bubblewrap", sandbox.GetProperty("sandbox").GetString());
        Assert.True(sandbox.GetProperty("isolated").GetBoolean());
        Assert.DoesNotContain("UNSANDBOXED", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diagnose_TestCommandWritesOutsideTheWorktree_HostFileIsNotWritten()
    {
        Requires.Tool("bwrap");
        using var repo = await FailingPythonRepositoryAsync();
        var marker = _outside.Combine("escaped.txt");

        var result = await _cli.RunAsync("diagnose", "--repo", repo.Path, "--test", $"echo escaped > '{marker}'; exit 1");

        Assert.True(result.ExitCode is 0 or 1, result.Output);
        Assert.False(File.Exists(marker), "the test command wrote outside the worktree: " + result.Output);
    }

    [Fact]
    public async Task Diagnose_SandboxNone_WarnsLoudlyRunsOnTheHostAndSaysSoInTheRecordAndReport()
    {
        Requires.Tool("python3");
        using var repo = await FailingPythonRepositoryAsync();
        var marker = _outside.Combine("unsandboxed.txt");

        var result = await _cli.RunAsync("diagnose", "--repo", repo.Path, "--sandbox", "none", "--test", $"echo unsandboxed > '{marker}'; exit 1", "--json");

        Assert.Contains("WARNING: --sandbox none", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("UNSANDBOXED", result.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(marker), "with --sandbox none the command runs on the host");
        using var json = JsonDocument.Parse(result.Stdout);
        var runId = json.RootElement.GetProperty("runId").GetString()!;
        Assert.False(json.RootElement.GetProperty("sandbox").GetProperty("isolated").GetBoolean());
        Assert.Contains(json.RootElement.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.StartsWith("UNSANDBOXED", StringComparison.Ordinal));
        var report = await File.ReadAllTextAsync(Path.Combine(_cli.Home, "reports", runId + ".md"));
        Assert.Contains("**Sandbox: NONE.**", report, StringComparison.Ordinal);
        var timeline = await _cli.RunAsync("runs", "show", runId);
        Assert.Contains("sandbox: none — UNSANDBOXED", timeline.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diagnose_BubblewrapMissing_ExitsTwoWithHowToInstallOrOptOut()
    {
        using var repo = await FailingPythonRepositoryAsync();
        var path = PathWithout("bwrap", "dotnet", "git", "python3", "sh");

        var refused = await _cli.RunAsync(["diagnose", "--repo", repo.Path], null, environment: new Dictionary<string, string?> { ["PATH"] = path });
        var optedOut = await _cli.RunAsync(["diagnose", "--repo", repo.Path, "--sandbox", "none"], null, environment: new Dictionary<string, string?> { ["PATH"] = path });

        Assert.True(refused.ExitCode == 2, refused.Output);
        Assert.Contains("apt-get install bubblewrap", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("--sandbox none", refused.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refused.Output, StringComparison.Ordinal);
        Assert.True(optedOut.ExitCode == 0, optedOut.Output);
    }

    [Fact]
    public async Task Demo_BubblewrapMissing_RunsItsOwnSampleUnsandboxedAndSaysSo_UnlessTheSandboxWasAskedFor()
    {
        var path = PathWithout("bwrap", "dotnet", "git", "python3", "sh");

        var demo = await _cli.RunAsync(["demo", "--diagnose-only", "--json"], null, TimeSpan.FromMinutes(10), new Dictionary<string, string?> { ["PATH"] = path });
        var asked = await _cli.RunAsync(["demo", "--diagnose-only", "--sandbox", "bubblewrap"], null, environment: new Dictionary<string, string?> { ["PATH"] = path });

        Assert.True(demo.ExitCode == 0, demo.Output);
        Assert.Contains("bubblewrap is not installed, so the demo runs its bundled sample", demo.Stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(demo.Stdout);
        Assert.False(json.RootElement.GetProperty("sandbox").GetProperty("isolated").GetBoolean());
        Assert.Equal(2, asked.ExitCode);
        Assert.Contains("apt-get install bubblewrap", asked.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fix_UnknownSandbox_IsBadInput()
    {
        var result = await _cli.RunAsync("fix", "--repo", ".", "--sandbox", "docker");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("docker", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _cli.Dispose();
        _outside.Dispose();
    }

    /// <summary>A folder of links to <paramref name="tools"/> other than <paramref name="missing"/>, to use as PATH.</summary>
    private string PathWithout(string missing, params string[] tools)
    {
        var bin = _outside.Combine("bin");
        Directory.CreateDirectory(bin);
        foreach (var tool in tools.Where(t => t != missing))
        {
            var target = Requires.FindOnPath(tool) ?? throw new InvalidOperationException($"'{tool}' is not on PATH");
            File.CreateSymbolicLink(Path.Combine(bin, tool), target);
        }
        Assert.Null(Directory.EnumerateFiles(bin).FirstOrDefault(f => Path.GetFileName(f) == missing));
        return bin;
    }

    internal static async Task<GitRepository> FailingPythonRepositoryAsync()
    {
        var repo = await GitRepository.InitAsync();
        repo.Write("conftest.py", "");
        repo.Write("circle.py", "def area(radius):\n    return 3 * radius * radius\n");
        repo.Write("tests/test_circle.py", "import math\nfrom circle import area\n\ndef test_area():\n    assert math.isclose(area(1.0), math.pi)\n\ndef test_zero():\n    assert area(0) == 0\n");
        await repo.CommitAllAsync();
        return repo;
    }
}
