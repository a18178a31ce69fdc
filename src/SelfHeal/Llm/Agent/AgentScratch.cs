using SelfHeal.Git;
using SelfHeal.Processes;
using SelfHeal.Sandboxing;

namespace SelfHeal.Llm.Agent;

/// <summary>
/// The agent's private copy of the run's worktree, under the system temp folder: the one place its commands may write.
/// The copy gets its own git repository (made in the sandbox) so the model can use <c>git diff</c>; what SelfHeal takes as
/// the fix never comes from that repository, which the model controls, but from comparing the copy's regular files with
/// the worktree's. The host reads only files that <c>find -type f</c> (which follows no symlink) reports as changed since
/// the copy was made, so no symlink, fifo or device the model leaves behind is ever opened outside the sandbox. Not thread-safe.
/// </summary>
internal sealed class AgentScratch : IAsyncDisposable
{
    private const long MaxFileBytes = 1024 * 1024;
    private readonly string _root;
    private readonly ProcessRunner _processes;

    private AgentScratch(string root, string workspacePath, IReadOnlyList<string> files, ProcessRunner processes)
    {
        _root = root;
        WorkspacePath = workspacePath;
        Files = files;
        _processes = processes;
    }

    /// <summary>The copy's root: the commands' working directory and their only writable folder.</summary>
    public string Path => System.IO.Path.Combine(_root, "repo");

    /// <summary>The run's worktree the copy was made from (never written).</summary>
    public string WorkspacePath { get; }

    /// <summary>The repository's files (tracked, and untracked ones git does not ignore): the only files a fix may change.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Where the copy's baseline time is kept: outside the copy, so no command can touch it.</summary>
    private string Stamp => System.IO.Path.Combine(_root, "baseline.stamp");

    /// <summary>
    /// Copies <paramref name="workspacePath"/> (without its <c>.git</c>) and commits the copy in its own repository, in the
    /// sandbox. Returns the scratch and a warning (the copy has no git history), or no scratch and why.
    /// </summary>
    public static async Task<(AgentScratch? Scratch, string? Problem)> CreateAsync(string workspacePath, GitClient git, ProcessRunner processes,
        SandboxedCommandRunner sandbox, CancellationToken cancellationToken)
    {
        var listed = await git.RunAsync(workspacePath, ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], cancellationToken).ConfigureAwait(false);
        var files = listed.Succeeded
            ? listed.Output.Split('\0', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList()
            : [.. Directory.EnumerateFiles(workspacePath, "*", SearchOption.AllDirectories)
                .Select(f => System.IO.Path.GetRelativePath(workspacePath, f).Replace('\\', '/'))
                .Where(f => f != ".git" && !f.StartsWith(".git/", StringComparison.Ordinal))];
        var root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "selfheal-agent-" + Guid.NewGuid().ToString("N")[..12]);
        var scratch = new AgentScratch(root, workspacePath, files, processes);
        Directory.CreateDirectory(scratch.Path);
        var entries = Directory.EnumerateFileSystemEntries(workspacePath).Where(e => System.IO.Path.GetFileName(e) != ".git").ToList();
        if (entries.Count > 0)
        {
            var copy = await processes.RunAsync(new CommandSpec("cp", ["-a", "--reflink=auto", "--", .. entries, scratch.Path + "/"], workspacePath)
            {
                Timeout = TimeSpan.FromMinutes(10),
            }, cancellationToken).ConfigureAwait(false);
            if (!copy.Succeeded)
            {
                await scratch.DisposeAsync().ConfigureAwait(false);
                return (null, $"the worktree could not be copied for the agent: {copy.StartError ?? copy.Output.Trim()}");
            }
        }
        var baseline = await sandbox.RunAsync(new SandboxedCommand(new CommandSpec("/bin/sh",
            ["-c", "git init -q && git add -A && git -c user.name=SelfHeal -c user.email=selfheal@localhost commit -q --no-verify --allow-empty -m 'the code as the run found it'"],
            scratch.Path) { Timeout = TimeSpan.FromMinutes(2) }, scratch.Path), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(scratch.Stamp, "", cancellationToken).ConfigureAwait(false);
        return (scratch, baseline.Succeeded ? null : $"the agent's copy has no git history (git diff will not work there): {(baseline.StartError ?? baseline.Output).Trim()}");
    }

    /// <summary>
    /// The repository files the commands changed (regular files only, compared with the worktree), and notes on changes that
    /// cannot be part of a fix (deleted, binary, too large, new files).
    /// </summary>
    public async Task<AgentChanges> CollectAsync(CancellationToken cancellationToken)
    {
        var found = await _processes.RunAsync(new CommandSpec("find", [".", "-path", "./.git", "-prune", "-o", "-type", "f", "-newer", Stamp, "-print0"], Path)
        {
            Timeout = TimeSpan.FromMinutes(2),
        }, cancellationToken).ConfigureAwait(false);
        var changedPaths = found.Output.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.StartsWith("./", StringComparison.Ordinal)).Select(p => p[2..]).ToHashSet(StringComparer.Ordinal);
        var known = Files.ToHashSet(StringComparer.Ordinal);
        var changed = new List<FileChange>();
        var notes = new List<string>();
        if (!found.Succeeded)
        {
            notes.Add("the copy could not be searched completely for changes");
        }
        foreach (var file in Files.Where(changedPaths.Contains).Order(StringComparer.Ordinal))
        {
            var original = System.IO.Path.Combine(WorkspacePath, file);
            var edited = System.IO.Path.Combine(Path, file);
            if (!File.Exists(original) || new FileInfo(original).LinkTarget is not null)
            {
                continue;
            }
            if (new FileInfo(edited).Length > MaxFileBytes || new FileInfo(original).Length > MaxFileBytes)
            {
                notes.Add($"{file} (larger than {MaxFileBytes / 1024} KiB)");
                continue;
            }
            var before = await File.ReadAllBytesAsync(original, cancellationToken).ConfigureAwait(false);
            var after = await File.ReadAllBytesAsync(edited, cancellationToken).ConfigureAwait(false);
            if (before.AsSpan().SequenceEqual(after))
            {
                continue;
            }
            if (before.AsSpan().Contains((byte)0) || after.AsSpan().Contains((byte)0))
            {
                notes.Add($"{file} (a binary file)");
                continue;
            }
            changed.Add(new FileChange(file, await File.ReadAllTextAsync(original, cancellationToken).ConfigureAwait(false),
                await File.ReadAllTextAsync(edited, cancellationToken).ConfigureAwait(false)));
        }
        foreach (var file in Files.Where(f => !changedPaths.Contains(f) && !Exists(System.IO.Path.Combine(Path, f)) && Exists(System.IO.Path.Combine(WorkspacePath, f))))
        {
            notes.Add($"{file} (deleted; a fix cannot delete files)");
        }
        var added = changedPaths.Where(p => !known.Contains(p)).ToList();
        if (added.Count > 0)
        {
            notes.Add($"{added.Count} new file(s) such as {added.Order(StringComparer.Ordinal).First()} (a fix changes existing files only)");
        }
        return new AgentChanges(changed, notes);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A command may have taken its own write permission away from a folder of the copy: give it back and try again.
            await _processes.RunAsync(new CommandSpec("chmod", ["-R", "u+rwX", _root], System.IO.Path.GetTempPath()), CancellationToken.None).ConfigureAwait(false);
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (Exception again) when (again is IOException or UnauthorizedAccessException)
            {
                // Best effort: a leftover copy under the temp folder does no harm.
            }
        }
    }

    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null;
}

/// <summary>What an agent changed in its copy: whole files before and after, and why other changes were left out.</summary>
internal sealed record AgentChanges(IReadOnlyList<FileChange> Changed, IReadOnlyList<string> Dropped);

/// <summary>One repository file as the worktree has it and as the agent left it.</summary>
internal sealed record FileChange(string File, string Before, string After);
