using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SelfHeal.Git;
using SelfHeal.Pipeline;
using SelfHeal.Runs;

namespace SelfHeal.Workspaces;

/// <summary>
/// Creates and removes run worktrees. Each worktree has an owner file beside it naming the process
/// that made it; <see cref="CleanUpAbandonedAsync"/> removes the worktrees whose owner is gone, so a
/// killed run leaves nothing behind once the next command starts. Thread-safe.
/// </summary>
public sealed class WorkspaceManager(GitClient git, IOptions<WorkspaceOptions> options, ILogger<WorkspaceManager> logger)
{
    private readonly string _root = Path.GetFullPath(options.Value.Root);

    /// <summary>
    /// Makes a detached worktree of <paramref name="repositoryPath"/> at <paramref name="commit"/> (HEAD when null).
    /// Throws <see cref="RunAbortedException"/> with a clear message for a path that is not a git repository,
    /// a repository without commits, or an unknown commit.
    /// </summary>
    public async Task<Workspace> CreateAsync(string runId, string repositoryPath, string? commit, bool includeUncommitted, CancellationToken cancellationToken = default)
    {
        if (!RunId.IsWellFormed(runId))
        {
            throw new ArgumentException($"'{runId}' is not a run id.", nameof(runId));
        }
        var top = await FindTopLevelAsync(repositoryPath, cancellationToken).ConfigureAwait(false);
        var revision = commit ?? "HEAD";
        var resolved = await git.RunAsync(top, ["rev-parse", "--verify", "--quiet", revision + "^{commit}"], cancellationToken).ConfigureAwait(false);
        if (!resolved.Succeeded)
        {
            throw new RunAbortedException(commit is null
                ? $"The repository '{top}' has no commits yet. Commit the code (git add -A && git commit) and run again."
                : $"The commit '{commit}' does not exist in '{top}'. Give a commit id, branch or tag that `git rev-parse {commit}` knows.");
        }
        var sha = resolved.Output.Trim();

        Directory.CreateDirectory(_root);
        var path = Path.Combine(_root, runId);
        await WriteOwnerAsync(runId, top, cancellationToken).ConfigureAwait(false);
        if (Directory.Exists(path))
        {
            // A resumed run: the previous worktree may be half made; start it again from the commit.
            await RemoveWorktreeAsync(top, path, cancellationToken).ConfigureAwait(false);
        }
        await git.RunCheckedAsync(top, ["worktree", "add", "--detach", "--force", path, sha], cancellationToken).ConfigureAwait(false);

        var changes = await ListUncommittedAsync(top, cancellationToken).ConfigureAwait(false);
        var copied = new List<string>();
        var ignored = new List<string>();
        if (commit is null && changes.Count > 0)
        {
            if (includeUncommitted)
            {
                foreach (var change in changes)
                {
                    CopyChange(top, path, change);
                    copied.Add(change.Path);
                }
            }
            else
            {
                ignored.AddRange(changes.Select(c => c.Path));
            }
        }
        else if (commit is not null)
        {
            // Uncommitted changes belong to HEAD, not to an explicitly chosen commit.
            ignored.AddRange(changes.Select(c => c.Path));
        }
        return new Workspace(path, top, sha, copied, ignored);
    }

    /// <summary>Removes the run's worktree and owner file. Safe to call twice.</summary>
    public Task RemoveAsync(Workspace workspace, CancellationToken cancellationToken = default) =>
        RemoveAsync(Path.GetFileName(workspace.Path), workspace.RepositoryPath, cancellationToken);

    /// <summary>Removes the worktree of run <paramref name="runId"/> made from <paramref name="repositoryPath"/>. Safe to call twice.</summary>
    public async Task RemoveAsync(string runId, string repositoryPath, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(_root, runId);
        if (Directory.Exists(repositoryPath))
        {
            await RemoveWorktreeAsync(repositoryPath, path, cancellationToken).ConfigureAwait(false);
        }
        else if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
        File.Delete(OwnerFile(runId));
    }

    /// <summary>Removes worktrees whose owning process is no longer alive. Returns the run ids cleaned.</summary>
    public async Task<IReadOnlyList<string>> CleanUpAbandonedAsync(CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(_root))
        {
            return [];
        }
        var cleaned = new List<string>();
        foreach (var ownerFile in Directory.EnumerateFiles(_root, "*.owner.json"))
        {
            WorkspaceOwner? owner;
            try
            {
                owner = JsonSerializer.Deserialize<WorkspaceOwner>(await File.ReadAllTextAsync(ownerFile, cancellationToken).ConfigureAwait(false));
            }
            catch (JsonException)
            {
                owner = null;
            }
            if (owner is not null && IsAlive(owner))
            {
                continue;
            }
            var runId = Path.GetFileName(ownerFile)[..^".owner.json".Length];
            var path = Path.Combine(_root, runId);
            if (owner is not null && Directory.Exists(owner.Repository))
            {
                await RemoveWorktreeAsync(owner.Repository, path, cancellationToken).ConfigureAwait(false);
            }
            else if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            File.Delete(ownerFile);
            cleaned.Add(runId);
            logger.LogInformation("Removed the worktree of abandoned run {RunId}", runId);
        }
        return cleaned;
    }

    private async Task<string> FindTopLevelAsync(string repositoryPath, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(repositoryPath))
        {
            throw new RunAbortedException($"The folder '{repositoryPath}' does not exist. Point --repo at a git repository.");
        }
        var result = await git.RunAsync(Path.GetFullPath(repositoryPath), ["rev-parse", "--show-toplevel"], cancellationToken).ConfigureAwait(false);
        if (result.StartError is not null)
        {
            throw new RunAbortedException("git is not installed or not on PATH. Install it (apt-get install git) and run again.");
        }
        if (!result.Succeeded)
        {
            throw new RunAbortedException($"'{repositoryPath}' is not a git repository. Point --repo at a folder under git (or run `git init` there and commit the code first).");
        }
        return result.Output.Trim();
    }

    private async Task<IReadOnlyList<UncommittedChange>> ListUncommittedAsync(string top, CancellationToken cancellationToken)
    {
        var status = await git.RunCheckedAsync(top, ["status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames"], cancellationToken).ConfigureAwait(false);
        var changes = new List<UncommittedChange>();
        foreach (var entry in status.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            if (entry.Length < 4)
            {
                continue;
            }
            var code = entry[..2];
            var file = entry[3..];
            changes.Add(new UncommittedChange(file, Deleted: code.Contains('D', StringComparison.Ordinal)));
        }
        return changes;
    }

    private static void CopyChange(string top, string worktree, UncommittedChange change)
    {
        var target = Path.GetFullPath(Path.Combine(worktree, change.Path));
        if (!target.StartsWith(worktree + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return;
        }
        if (change.Deleted)
        {
            File.Delete(target);
            return;
        }
        var source = Path.Combine(top, change.Path);
        if (File.Exists(source))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target, overwrite: true);
        }
    }

    private async Task RemoveWorktreeAsync(string repository, string path, CancellationToken cancellationToken)
    {
        await git.RunAsync(repository, ["worktree", "remove", "--force", "--force", path], cancellationToken).ConfigureAwait(false);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
        await git.RunAsync(repository, ["worktree", "prune"], cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteOwnerAsync(string runId, string repository, CancellationToken cancellationToken)
    {
        using var self = Process.GetCurrentProcess();
        var owner = new WorkspaceOwner(repository, Environment.ProcessId, self.StartTime.ToUniversalTime().Ticks);
        await File.WriteAllTextAsync(OwnerFile(runId), JsonSerializer.Serialize(owner), cancellationToken).ConfigureAwait(false);
    }

    private string OwnerFile(string runId) => Path.Combine(_root, runId + ".owner.json");

    private static bool IsAlive(WorkspaceOwner owner)
    {
        try
        {
            using var process = Process.GetProcessById(owner.ProcessId);
            // A recycled pid belongs to another process: compare start times.
            return !process.HasExited && process.StartTime.ToUniversalTime().Ticks == owner.ProcessStartTicks;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private sealed record WorkspaceOwner(string Repository, int ProcessId, long ProcessStartTicks);

    private sealed record UncommittedChange(string Path, bool Deleted);
}
