using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SelfHeal.Git;
using SelfHeal.Pipeline;
using SelfHeal.Processes;
using SelfHeal.Reports;
using SelfHeal.Runs;
using SelfHeal.Runs.Sqlite;
using SelfHeal.Tests.Support;
using SelfHeal.Workspaces;

namespace SelfHeal.Tests.Pipeline;

public sealed class AbandonedRunRecoveryTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task RecoverAsync_KilledRun_RemovesWorktreeAndUndeliveredBranchAndMarksTheRun()
    {
        using var repo = await GitRepository.InitAsync();
        repo.Write("a.txt", "one");
        var head = await repo.CommitAllAsync();
        var git = new GitClient(new ProcessRunner());
        var workspaces = new WorkspaceManager(git, Options.Create(new WorkspaceOptions { Root = _dir.Combine("wt") }), NullLogger<WorkspaceManager>.Instance);
        var store = new SqliteRunStore(Options.Create(new SqliteRunStoreOptions { DatabasePath = _dir.Combine("runs.db") }), TimeProvider.System);
        const string runId = "20261123-000000-dead";
        await store.AppendAsync(runId, new RunCreated(new BugReport("bug"), new RunTarget(repo.Path, null, null, false)));
        await store.AppendAsync(runId, new StageStarted("deliver"));
        var workspace = await workspaces.CreateAsync(runId, repo.Path, null, false);
        await repo.GitAsync("branch", "selfheal/" + runId, head);
        File.WriteAllText(_dir.Combine("wt", runId + ".owner.json"), JsonSerializer.Serialize(new { Repository = repo.Path, ProcessId = int.MaxValue, ProcessStartTicks = 0L }));

        var cleaned = await new AbandonedRunRecovery(workspaces, store, git).RecoverAsync();

        Assert.Equal([runId], cleaned);
        Assert.False(Directory.Exists(workspace.Path));
        Assert.Equal("", (await repo.GitAsync("branch", "--list", "selfheal/*")).Trim());
        var run = await store.GetAsync(runId);
        Assert.Equal(RunStatus.Failed, run!.State.Status);
        Assert.Contains("interrupted", run.State.Finished!.Summary, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
