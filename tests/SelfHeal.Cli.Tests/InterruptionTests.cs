using System.Diagnostics;
using Microsoft.Extensions.Options;
using SelfHeal.Runs;
using SelfHeal.Runs.Sqlite;
using SelfHeal.Tests.Support;

namespace SelfHeal.Cli.Tests;

/// <summary>A run killed with SIGKILL keeps every event it was told was written, and leaves no worktree once the next command starts.</summary>
[Collection(nameof(SlowCliCollection))]
public sealed class InterruptionTests : IDisposable
{
    private readonly CliProcess _cli = new();

    [Fact]
    public async Task Diagnose_KilledDuringTests_EventsSurviveAndNextStartCleansUp()
    {
        using var repo = await GitRepository.InitAsync();
        repo.Write("README.md", "slow tests");
        await repo.CommitAllAsync();
        var store = new SqliteRunStore(Options.Create(new SqliteRunStoreOptions { DatabasePath = _cli.DatabasePath }), TimeProvider.System);

        using (var process = StartCli("diagnose", "--repo", repo.Path, "--test", "sleep 120"))
        {
            var run = await WaitForAsync(store, state => state.CurrentStage == "reproduce" && state.Workspace is not null);
            Assert.True(Directory.Exists(run.State.Workspace!.Path));

            process.Kill(entireProcessTree: false); // SIGKILL: no finally blocks, no cleanup
            await process.WaitForExitAsync();

            var after = await store.GetAsync(run.Id);
            Assert.True(after!.Events.Count >= run.Events.Count);
            Assert.Equal(run.Events.Select(e => e.Event.GetType()), after.Events.Take(run.Events.Count).Select(e => e.Event.GetType()));
            Assert.True(Directory.Exists(run.State.Workspace.Path), "the killed run's worktree is still there before the next start");

            var next = await _cli.RunAsync("diagnose", "--repo", "/nonexistent-path-for-selfheal");
            Assert.Equal(2, next.ExitCode);
            Assert.False(Directory.Exists(run.State.Workspace.Path), "the next start removes the worktree of the killed run");
            Assert.Single((await repo.GitAsync("worktree", "list")).Split('\n', StringSplitOptions.RemoveEmptyEntries));
            var final = await store.GetAsync(run.Id);
            Assert.Equal(RunStatus.Failed, final!.State.Status);
            Assert.Contains("interrupted", final.State.Finished!.Summary, StringComparison.Ordinal);
        }
    }

    private Process StartCli(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SelfHeal.Cli.dll"));
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }
        psi.Environment["SELFHEAL_HOME"] = _cli.Home;
        var process = Process.Start(psi)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<HealingRun> WaitForAsync(IRunStore store, Func<RunState, bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            var runs = File.Exists(((SqliteRunStore)store).DatabasePath) ? await store.ListAsync(new RunQuery { Limit = 1 }, timeout.Token) : [];
            if (runs.Count > 0 && await store.GetAsync(runs[0].Id, timeout.Token) is { } run && condition(run.State))
            {
                return run;
            }
            await Task.Delay(100, timeout.Token);
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _cli.Dispose();
    }
}
