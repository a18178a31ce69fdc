using System.Collections.Concurrent;
using SelfHeal.Git;

namespace SelfHeal.Code;

/// <summary>
/// The source files of a repository checkout that SelfHeal can outline: the files git tracks (or, outside git,
/// every file not under a build or dependency folder) with a known language extension and under a size limit.
/// Files are read on first use and cached. Thread-safe.
/// </summary>
internal sealed class SourceTree
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        ".git", "bin", "obj", "node_modules", "__pycache__", ".venv", "venv", "dist", "build", "target", "vendor", ".tox", ".idea", ".vs",
    };

    private readonly ConcurrentDictionary<string, SourceFile?> _files = new(StringComparer.Ordinal);
    private readonly long _maxFileBytes;

    private SourceTree(string root, IReadOnlyList<string> paths, long maxFileBytes)
    {
        Root = root;
        Paths = paths;
        _maxFileBytes = maxFileBytes;
    }

    /// <summary>The checkout's root folder.</summary>
    public string Root { get; }

    /// <summary>Repo-relative paths (forward slashes) of the source files, sorted.</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>Lists the source files of <paramref name="root"/>, asking git first (so ignored files stay out).</summary>
    public static async Task<SourceTree> LoadAsync(string root, GitClient? git, int maxFiles = 5000, long maxFileBytes = 512 * 1024, CancellationToken cancellationToken = default)
    {
        IEnumerable<string>? listed = null;
        if (git is not null)
        {
            var result = await git.RunAsync(root, ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], cancellationToken).ConfigureAwait(false);
            if (result.Succeeded)
            {
                listed = result.Output.Split('\0', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Trim('\n', '\r'));
            }
        }
        listed ??= EnumerateFiles(root);
        var paths = listed
            .Select(Normalize)
            .Where(p => CodeLanguages.FromPath(p) != CodeLanguage.Unknown && !p.Split('/').Any(SkippedFolders.Contains))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Take(maxFiles)
            .ToList();
        return new SourceTree(root, paths, maxFileBytes);
    }

    /// <summary>A tree over files given in memory, for callers that already hold the paths.</summary>
    public static SourceTree FromPaths(string root, IEnumerable<string> paths, long maxFileBytes = 512 * 1024) =>
        new(root, [.. paths.Select(Normalize).Order(StringComparer.Ordinal)], maxFileBytes);

    /// <summary>
    /// The file at <paramref name="path"/> (repo-relative; also read when not listed, as long as it is inside the root),
    /// or <see langword="null"/> when it does not exist, is too large or is not a source file.
    /// </summary>
    public SourceFile? Get(string path) => _files.GetOrAdd(Normalize(path), Read);

    /// <summary>Every listed file that could be read.</summary>
    public IEnumerable<SourceFile> Files => Paths.Select(Get).OfType<SourceFile>();

    /// <summary>Makes a path repo-relative with forward slashes (<c>./src\a.cs</c> → <c>src/a.cs</c>).</summary>
    public static string Normalize(string path)
    {
        var p = path.Replace('\\', '/');
        while (p.StartsWith("./", StringComparison.Ordinal))
        {
            p = p[2..];
        }
        return p.TrimStart('/');
    }

    private SourceFile? Read(string path)
    {
        if (CodeLanguages.FromPath(path) == CodeLanguage.Unknown)
        {
            return null;
        }
        var full = Path.GetFullPath(Path.Combine(Root, path));
        var root = Path.GetFullPath(Root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if (!full.StartsWith(root, StringComparison.Ordinal))
        {
            return null;
        }
        var info = new FileInfo(full);
        if (!info.Exists || info.Length > _maxFileBytes)
        {
            return null;
        }
        try
        {
            return new SourceFile(path, File.ReadAllText(full));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static IEnumerable<string> EnumerateFiles(string root)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        return Directory.EnumerateFiles(root, "*", options).Select(f => Path.GetRelativePath(root, f));
    }
}
