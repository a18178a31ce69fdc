using System.Text.Json;
using SelfHeal.Tests.Support;

namespace SelfHeal.Cli.Tests;

/// <summary>
/// <c>selfheal audit</c> on the real CLI: a run writes its audit log, and editing, deleting, reordering or cutting
/// its entries is reported with the entry number (exit 1); an untouched log verifies (exit 0).
/// </summary>
[Collection(nameof(SlowCliCollection))]
public sealed class AuditTests(AuditTests.RunFixture run) : IClassFixture<AuditTests.RunFixture>
{
    [Fact]
    public async Task Verify_UntouchedLog_IsIntactAndSealed()
    {
        var result = await run.Cli.RunAsync("audit", "verify", run.RunId);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains($"ok        {run.RunId}  {run.Lines.Length} entries, chain intact (sealed at entry {run.Lines.Length})", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_RecordsTheSandboxedTestCommandsAndGit()
    {
        var result = await run.Cli.RunAsync("audit", "show", run.RunId, "--json");

        Assert.True(result.ExitCode == 0, result.Output);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.True(json.RootElement.GetProperty("intact").GetBoolean());
        var entries = json.RootElement.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(run.Lines.Length, entries.Count);
        var commands = entries.Where(e => e.GetProperty("kind").GetString() == "command").Select(e => e.GetProperty("detail")).ToList();
        Assert.Contains(commands, d => d.GetProperty("sandbox").GetString() == "bubblewrap" && d.GetProperty("arguments").EnumerateArray().Any(a => a.GetString() == "pytest") && d.GetProperty("exitCode").GetInt32() == 1);
        Assert.Contains(commands, d => d.GetProperty("sandbox").GetString() == "host" && d.GetProperty("program").GetString() == "git");
        Assert.All(commands, d => Assert.True(d.TryGetProperty("durationMs", out _)));
    }

    [Fact]
    public async Task Verify_EditedEntry_ReportsThatEntryAndExitsOne()
    {
        var lines = (string[])run.Lines.Clone();
        lines[2] = lines[2].Replace("\"exitCode\":0", "\"exitCode\":7", StringComparison.Ordinal);
        Assert.NotEqual(run.Lines[2], lines[2]);

        var result = await run.VerifyTamperedAsync(lines);

        Assert.True(result.ExitCode == 1, result.Output);
        Assert.Contains("TAMPERED", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("at entry 3: entry 3 was modified", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_DeletedEntry_ReportsTheMissingEntry()
    {
        var result = await run.VerifyTamperedAsync([.. run.Lines.Take(3), .. run.Lines.Skip(4)]);

        Assert.True(result.ExitCode == 1, result.Output);
        Assert.Contains("at entry 4: entry 4 is missing", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ReorderedEntries_ReportsWhereTheOrderBreaks()
    {
        var lines = (string[])run.Lines.Clone();
        (lines[1], lines[2]) = (lines[2], lines[1]);

        var result = await run.VerifyTamperedAsync(lines);

        Assert.True(result.ExitCode == 1, result.Output);
        Assert.Contains("at entry 2:", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_EntriesCutFromTheEnd_ReportsTheFirstMissingEntry()
    {
        var kept = run.Lines.Length - 2;

        var result = await run.VerifyTamperedAsync(run.Lines[..kept]);

        Assert.True(result.ExitCode == 1, result.Output);
        Assert.Contains($"at entry {kept + 1}: entries {kept + 1} to {run.Lines.Length} are missing", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("cut from the end", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAll_OneLogTampered_ExitsOne()
    {
        var result = await run.VerifyTamperedAsync(run.Lines[1..], "--all");

        Assert.True(result.ExitCode == 1, result.Output);
        Assert.Contains($"TAMPERED  {run.RunId}  at entry 1:", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("verify")]
    [InlineData("verify", "not-a-run")]
    [InlineData("verify", "20991231-235959-zzzz")]
    [InlineData("show", "20991231-235959-zzzz")]
    public async Task Audit_BadInput_ExitsTwoWithAMessage(params string[] args)
    {
        var result = await run.Cli.RunAsync(["audit", .. args]);

        Assert.True(result.ExitCode == 2, result.Output);
        Assert.StartsWith("error: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("selfheal runs", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>One diagnose run (a failing Python test, in bubblewrap) whose audit log the tests tamper with, one at a time.</summary>
    public sealed class RunFixture : IAsyncLifetime
    {
        public CliProcess Cli { get; } = new();

        public string RunId { get; private set; } = "";

        public string[] Lines { get; private set; } = [];

        private string LogPath => Path.Combine(Cli.Home, "audit", RunId + ".jsonl");

        public async Task InitializeAsync()
        {
            Requires.Tool("bwrap");
            Requires.Tool("python3");
            using var repo = await SandboxTests.FailingPythonRepositoryAsync();
            var result = await Cli.RunAsync("diagnose", "--repo", repo.Path, "--json");
            Assert.True(result.ExitCode == 0, result.Output);
            using var json = JsonDocument.Parse(result.Stdout);
            RunId = json.RootElement.GetProperty("runId").GetString()!;
            Lines = (await File.ReadAllTextAsync(LogPath)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(Lines.Length >= 6, $"a diagnose run records at least its git and test commands: {Lines.Length} entries");
        }

        /// <summary>Writes <paramref name="lines"/> as the run's log, runs <c>audit verify</c>, and puts the original back.</summary>
        public async Task<CliResult> VerifyTamperedAsync(string[] lines, string? target = null)
        {
            var original = await File.ReadAllTextAsync(LogPath);
            await File.WriteAllTextAsync(LogPath, string.Join('\n', lines) + "\n");
            try
            {
                return await Cli.RunAsync("audit", "verify", target ?? RunId);
            }
            finally
            {
                await File.WriteAllTextAsync(LogPath, original);
            }
        }

        public Task DisposeAsync()
        {
            Cli.Dispose();
            return Task.CompletedTask;
        }
    }
}
