using SelfHeal.Git;

namespace SelfHeal.Benchmarks;

/// <summary>
/// Makes a fresh git repository for one instance in a scratch folder, so a benchmark never touches the
/// instance's own files: a folder is cloned (git) or copied and committed (plain files); a SWE-bench
/// instance is checked out from its local clone at the base commit with its test patch committed on top.
/// </summary>
public sealed class BenchWorkspace(GitClient git)
{
    private static readonly HashSet<string> BuildOutputs = new(StringComparer.Ordinal) { ".git", "bin", "obj", "node_modules", "__pycache__", ".pytest_cache", "build", ".gradle" };

    private static readonly string[] Identity = ["-c", "user.name=SelfHeal Bench", "-c", "user.email=bench@selfheal.invalid", "-c", "commit.gpgsign=false"];

    /// <summary>Creates the repository at <paramref name="target"/> (which must not exist). Throws <see cref="BenchInstanceException"/> with the reason when it cannot.</summary>
    public async Task<string> PrepareAsync(BenchInstance instance, string target, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (instance.CloneFrom is { } clone)
        {
            await CheckedAsync(Path.GetDirectoryName(target)!, ["clone", "-q", "--shared", "--no-checkout", clone, target], "cloning the local clone failed", cancellationToken).ConfigureAwait(false);
            await CheckedAsync(target, ["checkout", "-q", "--detach", instance.BaseCommit!], $"base_commit {instance.BaseCommit} is not in the local clone {clone}; fetch it there", cancellationToken).ConfigureAwait(false);
        }
        else if (Directory.Exists(Path.Combine(instance.Folder!, ".git")) || File.Exists(Path.Combine(instance.Folder!, ".git")))
        {
            await CheckedAsync(Path.GetDirectoryName(target)!, ["clone", "-q", "--no-hardlinks", instance.Folder!, target], "cloning the instance's repository failed", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            CopyFiles(instance.Folder!, target);
            await CheckedAsync(target, ["init", "-q", "-b", "main"], "git init failed", cancellationToken).ConfigureAwait(false);
            await CommitAllAsync(target, "Benchmark instance", cancellationToken).ConfigureAwait(false);
        }
        if (!string.IsNullOrWhiteSpace(instance.TestPatch))
        {
            await ApplyAsync(target, instance.TestPatch, "test_patch", cancellationToken).ConfigureAwait(false);
            await CommitAllAsync(target, "Benchmark test patch", cancellationToken).ConfigureAwait(false);
        }
        return target;
    }

    /// <summary>Applies <paramref name="patch"/> to the working tree of <paramref name="repository"/>.</summary>
    public async Task ApplyAsync(string repository, string patch, string what, CancellationToken cancellationToken = default)
    {
        var file = Path.Combine(Path.GetTempPath(), $"selfheal-bench-{Guid.NewGuid():N}.patch");
        await File.WriteAllTextAsync(file, patch.EndsWith('\n') ? patch : patch + "\n", cancellationToken).ConfigureAwait(false);
        try
        {
            await CheckedAsync(repository, ["apply", "--whitespace=nowarn", file], $"{what} does not apply", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task CommitAllAsync(string repository, string message, CancellationToken cancellationToken)
    {
        await CheckedAsync(repository, ["add", "-A"], "git add failed", cancellationToken).ConfigureAwait(false);
        await CheckedAsync(repository, [.. Identity, "commit", "-q", "--allow-empty", "-m", message], "git commit failed", cancellationToken).ConfigureAwait(false);
    }

    private async Task CheckedAsync(string directory, IReadOnlyList<string> arguments, string problem, CancellationToken cancellationToken)
    {
        var result = await git.RunAsync(directory, arguments, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            var detail = (result.StartError ?? result.Output).Trim();
            throw new BenchInstanceException(detail.Length == 0 ? problem + "." : $"{problem}: {detail.Split('\n')[0]}");
        }
    }

    private static void CopyFiles(string source, string target)
    {
        var pending = new Stack<string>([source]);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, folder)));
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
            {
                if (entry.Attributes.HasFlag(FileAttributes.ReparsePoint))
                {
                    continue;
                }
                if (entry is DirectoryInfo directory)
                {
                    if (!BuildOutputs.Contains(directory.Name))
                    {
                        pending.Push(directory.FullName);
                    }
                }
                else
                {
                    File.Copy(entry.FullName, Path.Combine(target, Path.GetRelativePath(source, entry.FullName)));
                }
            }
        }
    }
}
