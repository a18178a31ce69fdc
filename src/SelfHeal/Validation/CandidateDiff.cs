using System.Text;
using SelfHeal.Repair;

namespace SelfHeal.Validation;

/// <summary>A candidate's unified diff, computed in memory without touching the worktree.</summary>
internal static class CandidateDiff
{
    /// <summary>The diff, or <see langword="null"/> when an edit names a file outside the repository or out of range.</summary>
    public static string? Create(string workspacePath, CandidatePatch candidate)
    {
        var root = Path.GetFullPath(workspacePath) + Path.DirectorySeparatorChar;
        var diff = new StringBuilder();
        foreach (var group in candidate.Edits.GroupBy(e => e.File).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var path = Path.GetFullPath(Path.Combine(workspacePath, group.Key));
            if (!path.StartsWith(root, StringComparison.Ordinal) || !File.Exists(path))
            {
                return null;
            }
            var original = File.ReadAllText(path);
            var edited = new StringBuilder(original);
            foreach (var edit in group.OrderByDescending(e => e.Start))
            {
                if (edit.Start < 0 || edit.Length < 0 || edit.Start + edit.Length > original.Length)
                {
                    return null;
                }
                edited.Remove(edit.Start, edit.Length).Insert(edit.Start, edit.Replacement);
            }
            diff.Append(UnifiedDiff.Create(Path.GetRelativePath(workspacePath, path).Replace('\\', '/'), original, edited.ToString()));
        }
        return diff.ToString();
    }
}
