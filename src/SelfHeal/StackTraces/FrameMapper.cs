using SelfHeal.Git;

namespace SelfHeal.StackTraces;

/// <summary>
/// Maps the frames of a trace to the files of a repository. A printed path is cleaned (backslashes, <c>file://</c>,
/// drive letters and checkout folders such as <c>/home/runner/work/r/r/</c>, <c>D:\a\r\r\</c>, <c>/builds/g/p/</c>,
/// <c>/app/</c> dropped) and matched segment-wise against repo paths sharing its file name: the repo path must end
/// the printed path, or the printed path (a relative or bare file name) must end the repo path; the longest shared
/// suffix wins and a tie is left unmapped. Java frames, which print only a file name, are looked up under their
/// package's folders; .NET frames without a file, by their type's name. Library frames (site-packages,
/// node_modules, <c>node:internal</c>, the Python and Go standard libraries, the JDK, <c>System.*</c> without a file,
/// Go's runtime) are never mapped. Thread-safe once built.
/// </summary>
public sealed class FrameMapper
{
    private readonly Dictionary<string, List<string[]>> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string[]>> _byNameIgnoreCase = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="repoFiles">Repo-relative paths with forward slashes, as <c>git ls-files</c> prints them.</param>
    public FrameMapper(IReadOnlyCollection<string> repoFiles)
    {
        ArgumentNullException.ThrowIfNull(repoFiles);
        foreach (var file in repoFiles)
        {
            var segments = file.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (segments.Length == 0)
            {
                continue;
            }
            Add(_byName, segments);
            Add(_byNameIgnoreCase, segments);
        }
    }

    /// <summary>A mapper over the tracked and untracked-but-not-ignored files of the repository at <paramref name="repositoryRoot"/>.</summary>
    /// <exception cref="GitException">git failed (not a repository, git missing).</exception>
    public static async Task<FrameMapper> CreateAsync(GitClient git, string repositoryRoot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(git);
        var output = await git.RunCheckedAsync(repositoryRoot, ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], cancellationToken).ConfigureAwait(false);
        return new FrameMapper(output.Split('\0', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>A copy of <paramref name="trace"/> and its causes with every frame mapped.</summary>
    public ExceptionTrace Map(ExceptionTrace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        return trace with
        {
            Frames = [.. trace.Frames.Select(f => Map(f, trace.Language))],
            Cause = trace.Cause is null ? null : Map(trace.Cause),
        };
    }

    /// <summary>The frame with <see cref="StackFrame.RepoPath"/> and <see cref="StackFrame.IsProjectFrame"/> set when it is in the repository.</summary>
    /// <param name="language">The trace's language, which says how its frames name files.</param>
    public StackFrame Map(StackFrame frame, string language)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var repoPath = LibraryFrames.IsLibrary(frame, language) ? null : Find(frame, language);
        return frame with { RepoPath = repoPath, IsProjectFrame = repoPath is not null };
    }

    private string? Find(StackFrame frame, string language)
    {
        if (language == "java")
        {
            return FindJava(frame);
        }
        if (frame.File is { Length: > 0 } file)
        {
            return Find(FramePaths.Segments(file), FramePaths.IsWindowsPath(file));
        }
        return language == "dotnet" ? FindDotnetType(frame.Function) : null;
    }

    /// <summary><c>com.acme.App$Res.close</c> in <c>App.java</c> → <c>com/acme/App.java</c>; a class's own name when the file is unknown.</summary>
    private string? FindJava(StackFrame frame)
    {
        var lastDot = frame.Function.LastIndexOf('.');
        if (lastDot <= 0)
        {
            return null;
        }
        var type = frame.Function[..lastDot].Split('.');
        var package = type[..^1];
        var className = type[^1].Split('$')[0];
        string[] names = frame.File is { Length: > 0 } file ? [FramePaths.FileName(file)] : [className + ".java", className + ".kt"];
        foreach (var name in names)
        {
            // Kotlin's convention allows leaving out package folders: there, the file name alone, when it is unique.
            var found = Find([.. package, name], ignoreCase: false)
                ?? (name.EndsWith(".kt", StringComparison.Ordinal) ? Find([name], ignoreCase: false) : null);
            if (found is not null)
            {
                return found;
            }
        }
        return null;
    }

    /// <summary><c>Shop.Orders.OrderService.CountLinesAsync</c> → the repository's only <c>OrderService.cs</c>.</summary>
    private string? FindDotnetType(string function)
    {
        var parts = function.Split('.');
        for (var i = parts.Length - 2; i >= 0; i--)
        {
            var name = parts[i].Split('`', '+', '[')[0];
            if (name.Length > 0 && !name.StartsWith('<'))
            {
                return Find([name + ".cs"], ignoreCase: false);
            }
        }
        return null;
    }

    private string? Find(string[] segments, bool ignoreCase)
    {
        if (segments.Length == 0)
        {
            return null;
        }
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var index = ignoreCase ? _byNameIgnoreCase : _byName;
        if (!index.TryGetValue(segments[^1], out var candidates))
        {
            return null;
        }
        string[]? best = null;
        var bestScore = 0;
        var bestExact = false;
        var tie = false;
        foreach (var candidate in candidates)
        {
            var score = SharedSuffix(segments, candidate, comparison);
            var exact = score == candidate.Length && score == segments.Length;
            if (score < candidate.Length && score < segments.Length)
            {
                continue;
            }
            if (score > bestScore || (score == bestScore && exact && !bestExact))
            {
                (best, bestScore, bestExact, tie) = (candidate, score, exact, false);
            }
            else if (score == bestScore && exact == bestExact)
            {
                tie = true;
            }
        }
        return best is null || tie ? null : string.Join('/', best);
    }

    private static int SharedSuffix(string[] a, string[] b, StringComparison comparison)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && string.Equals(a[^(n + 1)], b[^(n + 1)], comparison))
        {
            n++;
        }
        return n;
    }

    private static void Add(Dictionary<string, List<string[]>> index, string[] segments)
    {
        if (!index.TryGetValue(segments[^1], out var list))
        {
            index[segments[^1]] = list = [];
        }
        list.Add(segments);
    }
}
