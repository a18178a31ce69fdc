namespace SelfHeal.Testing.Running;

/// <summary>Walks a repository's files without descending into build output, dependencies or git's own folder.</summary>
internal static class RepositoryFiles
{
    /// <summary>Folders detection never looks into.</summary>
    public static readonly IReadOnlySet<string> BuildFolders = new HashSet<string>(StringComparer.Ordinal)
    {
        ".git", "bin", "obj", "node_modules", "target", "__pycache__", ".venv", "venv", ".tox", "build", "dist",
    };

    /// <summary>Folders a result-file scan never looks into.</summary>
    public static readonly IReadOnlySet<string> ScanExcluded = new HashSet<string>(StringComparer.Ordinal) { ".git", "node_modules" };

    /// <summary>Files under <paramref name="root"/> whose name satisfies <paramref name="match"/>, skipping <paramref name="skip"/> folders.</summary>
    public static IEnumerable<string> Find(string root, Func<string, bool> match, IReadOnlySet<string>? skip = null, int maxDepth = 8)
    {
        skip ??= BuildFolders;
        var pending = new Stack<(string Path, int Depth)>();
        pending.Push((root, 0));
        while (pending.Count > 0)
        {
            var (dir, depth) = pending.Pop();
            string[] files, dirs;
            try
            {
                files = Directory.GetFiles(dir);
                dirs = depth < maxDepth ? Directory.GetDirectories(dir) : [];
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            Array.Sort(files, StringComparer.Ordinal);
            foreach (var file in files.Where(f => match(Path.GetFileName(f))))
            {
                yield return file;
            }
            foreach (var sub in dirs.OrderByDescending(d => d, StringComparer.Ordinal))
            {
                if (!skip.Contains(Path.GetFileName(sub)))
                {
                    pending.Push((sub, depth + 1));
                }
            }
        }
    }

    /// <summary>Files matching <paramref name="match"/> written at or after <paramref name="since"/> (result files of this run).</summary>
    public static IReadOnlyList<string> WrittenSince(string root, DateTimeOffset since, Func<string, bool> match) =>
        Find(root, match, ScanExcluded, maxDepth: 12)
            .Where(f => File.GetLastWriteTimeUtc(f) >= since.UtcDateTime.AddSeconds(-1))
            .ToList();

    /// <summary>The text of <paramref name="path"/>, or empty when it cannot be read.</summary>
    public static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary><paramref name="path"/> relative to <paramref name="root"/> with forward slashes, or <see langword="null"/> when outside it.</summary>
    public static string? Relative(string root, string path)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(root), Path.GetFullPath(path));
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? null
            : relative.Replace(Path.DirectorySeparatorChar, '/');
    }
}
