using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SelfHeal.Git;
using SelfHeal.Pipeline;
using SelfHeal.Processes;
using SelfHeal.Tests.Support;
using SelfHeal.Workspaces;

namespace SelfHeal.Tests.Workspaces;

public sealed class WorkspaceManagerTests : IDisposable
{
    private readonly TempDirectory _root = new("selfheal-wt");

    private WorkspaceManager CreateManager() =>
        new(new GitClient(new ProcessRunner()), Options.Create(new WorkspaceOptions { Root = _root.Path }), NullLogger<WorkspaceManager>.Instance);

    [Fact]
    public async Task CreateAsync_CleanRepo_MakesDetachedWorktreeAtHead()
    {
        using var repo = await GitRepository.InitAsync();
        repo.Write("a.txt", "one");
        var head = await repo.CommitAllAsync();

        var workspace = await CreateManager().CreateAsync("run-1", repo.Path, null, includeUncommitted: false);

        Assert.Equal(head, workspace.Commit);
        Assert.Equal("one", File.ReadAllText(Path.Combine(workspace.Path, "a.txt")));
        Assert.Empty(workspace.IgnoredChanges);
        Assert.Equal("main", (await repo.GitAsync("branch", "--show-current")).Trim());
    }

    [Fact]
    public async Task CreateAsync_UncommittedChangesNotIncluded_ListsThemAsIgnored()
    {
        using var repo = await GitRepository.InitAsync();
        repo.Write("a.txt", "one");
        await repo.CommitAllAsync();
        repo.Write("a.txt", "two");
        repo.Write("new.txt", "new");

        var workspace = await CreateManager().CreateAsync("run-1", repo.Path, null, includeUncommitted: false);

        Assert.Equal(["a.txt", "new.txt"], workspace.IgnoredChanges.Order());
        Assert.Equal("one", File.ReadAllText(Path.Combine(workspace.Path, "a.txt")));
        Assert.False(File.Exists(Path.Combine(workspace.Path, "new.txt")));
    }

    [Fact]
    public async Task CreateAsync_IncludeUncommitted_CopiesEditsAdditionsAndDeletions()
    {
        using var repo = await GitRepository.InitAsync();
        repo.Write("a.txt", "one");
        repo.Write("gone.txt", "bye");
        await repo.CommitAllAsync();
        repo.Write("a.txt", "two");
        repo.Write("dir/new.txt", "new");
        File.Delete(Path.Combine(repo.Path, "gone.txt"));

        var workspace = await CreateManager().CreateAsync("run-1", repo.Path, null, includeUncommitted: true);

        Assert.Equal("two", File.ReadAllText(Path.Combine(workspace.Path, "a.txt")));
        Assert.Equal("new", File.ReadAllText(Path.Combine(workspace.Path, "dir", "new.txt")));
        Assert.False(File.Exists(Path.Combine(workspace.Path, "gone.txt")));
        Assert.Equal(3, workspace.CopiedChanges.Count);
        Assert.Equal("two", repo.Read("a.txt"));
    }

    [Fact]
    public async Task CreateAsync_NotARepository_AbortsWithClearMessage()
    {
        using var plain = new TempDirectory();

        var error = await Assert.ThrowsAsync<RunAbortedException>(() => CreateManager().CreateAsync("run-1", plain.Path, null, false));

        Assert.Contains("is not a git repository", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_RepositoryWithoutCommits_AbortsWithClearMessage()
    {
        using var repo = await GitRepository.InitAsync();

        var error = await Assert.ThrowsAsync<RunAbortedException>(() => CreateManager().CreateAsync("run-1", repo.Path, null, false));

        Assert.Contains("has no commits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_UnknownCommit_AbortsWithClearMessage()
    {
        using var repo = await GitRepository.InitAsync();
        repo.Write("a.txt", "one");
        await repo.CommitAllAsync();

        var error = await Assert.ThrowsAsync<RunAbortedException>(() => CreateManager().CreateAsync("run-1", repo.Path, "deadbeef", false));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CleanUpAbandonedAsync_OwnerProcessGone_RemovesWorktree()
    {
        using var repo = await GitRepository.InitAsync();
        repo.Write("a.txt", "one");
        await repo.CommitAllAsync();
        var manager = CreateManager();
        var workspace = await manager.CreateAsync("run-dead", repo.Path, null, false);
        // Pretend a killed process made it: no process has pid int.MaxValue.
        var ownerFile = Path.Combine(_root.Path, "run-dead.owner.json");
        File.WriteAllText(ownerFile, JsonSerializer.Serialize(new { Repository = repo.Path, ProcessId = int.MaxValue, ProcessStartTicks = 0L }));
        var live = await manager.CreateAsync("run-live", repo.Path, null, false);

        var cleaned = await manager.CleanUpAbandonedAsync();

        Assert.Equal(["run-dead"], cleaned);
        Assert.False(Directory.Exists(workspace.Path));
        Assert.True(Directory.Exists(live.Path));
        var worktrees = await repo.GitAsync("worktree", "list", "--porcelain");
        Assert.DoesNotContain("run-dead", worktrees, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoveAsync_RemovesWorktreeAndRegistration()
    {
        using var repo = await GitRepository.InitAsync();
        repo.Write("a.txt", "one");
        await repo.CommitAllAsync();
        var manager = CreateManager();
        var workspace = await manager.CreateAsync("run-1", repo.Path, null, false);

        await manager.RemoveAsync(workspace);

        Assert.False(Directory.Exists(workspace.Path));
        Assert.DoesNotContain("run-1", await repo.GitAsync("worktree", "list"), StringComparison.Ordinal);
    }

    public void Dispose() => _root.Dispose();
}
