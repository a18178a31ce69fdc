using SelfHeal.Security;

namespace SelfHeal.Policy;

/// <summary>
/// Checks that a patch path stays inside the repository: no absolute paths, no <c>..</c>, no <c>.git</c>
/// internals, no deceptive Unicode, and no folder or file on the real filesystem that is a symlink leading
/// out of the repository.
/// </summary>
internal static class PathSafetyChecker
{
    /// <summary>The violations for <paramref name="path"/>, and the real repository-relative path it writes to (after symlinks) when that is inside.</summary>
    public static (List<PolicyViolation> Violations, string? RealPath) Check(string path, string repoRoot)
    {
        var violations = new List<PolicyViolation>();
        void Add(string rule, string message) => violations.Add(new PolicyViolation(rule, path, null, message));

        if (path.Length == 0)
        {
            Add(PolicyRuleIds.PathTraversal, "the patch names an empty path");
            return (violations, null);
        }
        if (path.StartsWith('/') || path.StartsWith('\\') || (path.Length >= 2 && path[1] == ':' && char.IsAsciiLetter(path[0])))
        {
            Add(PolicyRuleIds.AbsolutePath, $"{path} is an absolute path; patch paths must be relative to the repository root");
            return (violations, null);
        }
        if (path.Contains('\\', StringComparison.Ordinal))
        {
            Add(PolicyRuleIds.SuspiciousPath, $"{path} contains a backslash, a folder separator on Windows");
        }
        var suspicious = UnicodeFolding.DescribeSuspicious(path);
        if (suspicious is not null)
        {
            Add(PolicyRuleIds.SuspiciousPath, $"{path} {suspicious}");
        }
        var segments = path.Split('/', '\\');
        if (segments.Any(s => s is ".." or "." or ""))
        {
            var escapes = Escapes(segments);
            Add(PolicyRuleIds.PathTraversal, escapes
                ? $"{path} climbs out of the repository with '..'"
                : $"{path} is not a canonical path ('.', '..' or an empty segment); git never writes such paths");
            if (escapes)
            {
                return (violations, null);
            }
        }
        if (segments.Any(s => string.Equals(UnicodeFolding.Fold(s).TrimEnd('.', ' '), ".git", StringComparison.OrdinalIgnoreCase)))
        {
            Add(PolicyRuleIds.GitInternals, $"{path} is inside a .git folder (repository internals, hooks, config)");
        }
        var real = ResolveInsideRepository(path, repoRoot, out var escapeMessage);
        if (escapeMessage is not null)
        {
            Add(PolicyRuleIds.SymlinkEscape, escapeMessage);
        }
        return (violations, real);
    }

    private static bool Escapes(string[] segments)
    {
        var depth = 0;
        foreach (var segment in segments)
        {
            depth += segment switch { ".." => -1, "." or "" => 0, _ => 1 };
            if (depth < 0)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Walks <paramref name="path"/> from the real repository root, following every symlink that exists on disk.
    /// Returns the real repository-relative path, or <see langword="null"/> with a message when a link leads out.
    /// </summary>
    private static string? ResolveInsideRepository(string path, string repoRoot, out string? escapeMessage)
    {
        escapeMessage = null;
        var root = RealPath(Path.GetFullPath(repoRoot));
        var current = root;
        foreach (var segment in path.Split('/').Where(s => s is not ("" or ".")))
        {
            var next = segment == ".." ? Path.GetDirectoryName(current) ?? current : Path.Combine(current, segment);
            if (new FileInfo(next).LinkTarget is null)
            {
                current = next;
                continue;
            }
            FileSystemInfo? target;
            try
            {
                target = File.ResolveLinkTarget(next, returnFinalTarget: true);
            }
            catch (IOException)
            {
                escapeMessage = $"{path} goes through {Path.GetRelativePath(root, next)}, a symlink that cannot be resolved (a loop?)";
                return null;
            }
            current = target is null ? next : RealPath(Path.GetFullPath(target.FullName));
            if (!IsInside(root, current))
            {
                escapeMessage = $"{path} goes through the symlink {Path.GetRelativePath(root, next)}, which points outside the repository (to {current})";
                return null;
            }
        }
        return Path.GetRelativePath(root, current).Replace('\\', '/');
    }

    private static string RealPath(string fullPath)
    {
        var rootOfPath = Path.GetPathRoot(fullPath) ?? "/";
        var current = rootOfPath;
        foreach (var segment in fullPath[rootOfPath.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, segment);
            if (new FileInfo(next).LinkTarget is null)
            {
                current = next;
                continue;
            }
            try
            {
                var target = File.ResolveLinkTarget(next, returnFinalTarget: true);
                current = target is null ? next : Path.GetFullPath(target.FullName);
            }
            catch (IOException)
            {
                current = next;
            }
        }
        return current;
    }

    private static bool IsInside(string root, string candidate)
    {
        var relative = Path.GetRelativePath(root, candidate);
        return relative == "." || (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative));
    }
}
