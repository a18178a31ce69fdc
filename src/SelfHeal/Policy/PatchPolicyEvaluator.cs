using SelfHeal.Patches;
using SelfHeal.Security;

namespace SelfHeal.Policy;

/// <summary>
/// Checks a <see cref="PatchDocument"/> against a <see cref="PatchPolicy"/>. Reads the repository's filesystem
/// (to follow symlinks) but never writes. Thread-safe.
/// </summary>
public sealed class PatchPolicyEvaluator(PatchPolicy policy)
{
    public PatchPolicy Policy { get; } = policy ?? throw new ArgumentNullException(nameof(policy));

    /// <summary>Every violation of the policy by <paramref name="patch"/>, in patch order; empty when the patch is acceptable.</summary>
    /// <param name="repoRoot">The checkout the patch applies to; its symlinks are followed to catch paths that leave it.</param>
    public IReadOnlyList<PolicyViolation> Evaluate(PatchDocument patch, string repoRoot)
    {
        ArgumentNullException.ThrowIfNull(patch);
        ArgumentException.ThrowIfNullOrEmpty(repoRoot);
        var violations = new List<PolicyViolation>();
        foreach (var file in patch.Files)
        {
            foreach (var path in file.Paths)
            {
                violations.AddRange(CheckPath(path, repoRoot));
            }
            violations.AddRange(CheckFileShape(file));
            violations.AddRange(TestEditChecker.Check(file, Policy.TestEdits));
        }
        if (patch.Files.Count > Policy.MaxFilesChanged)
        {
            violations.Add(new PolicyViolation(PolicyRuleIds.MaxFilesChanged, "", null,
                $"the patch changes {patch.Files.Count} files; the limit is {Policy.MaxFilesChanged}"));
        }
        var lines = patch.AddedLineCount + patch.RemovedLineCount;
        if (lines > Policy.MaxLinesChanged)
        {
            violations.Add(new PolicyViolation(PolicyRuleIds.MaxLinesChanged, "", null,
                $"the patch changes {lines} lines ({patch.AddedLineCount} added, {patch.RemovedLineCount} removed); the limit is {Policy.MaxLinesChanged}"));
        }
        return violations;
    }

    private IEnumerable<PolicyViolation> CheckPath(string path, string repoRoot)
    {
        var (violations, realPath) = PathSafetyChecker.Check(path, repoRoot);
        // CI and secret paths are matched case-insensitively and after folding look-alikes, so '.GitHub/' or a
        // full-width '.ｇithub/' cannot slip past on a case-insensitive or normalizing filesystem.
        var candidates = new[] { path, UnicodeFolding.Fold(path), realPath }
            .OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var forbidden = Policy.ForbiddenPaths.FirstOrDefault(rule => candidates.Any(c => PathGlob.IsMatch(rule.Glob, c, ignoreCase: true)));
        if (forbidden is not null)
        {
            var via = realPath is not null && realPath != path && PathGlob.IsMatch(forbidden.Glob, realPath, ignoreCase: true)
                && !PathGlob.IsMatch(forbidden.Glob, path, ignoreCase: true)
                ? $" (through a symlink it writes {realPath})"
                : "";
            violations.Add(new PolicyViolation(PolicyRuleIds.ForbiddenPath, path, null, $"{path} matches {forbidden.Glob} ({forbidden.Category}){via}"));
        }
        if (!Policy.AllowedPaths.Any(glob => PathGlob.IsMatch(glob, path, ignoreCase: false)))
        {
            violations.Add(new PolicyViolation(PolicyRuleIds.PathNotAllowed, path, null,
                $"{path} matches none of the allowed paths ({string.Join(", ", Policy.AllowedPaths)})"));
        }
        else if (Policy.RepositoryAllowedPaths.Count > 0 && !Policy.RepositoryAllowedPaths.Any(glob => PathGlob.IsMatch(glob, path, ignoreCase: false)))
        {
            violations.Add(new PolicyViolation(PolicyRuleIds.PathNotAllowed, path, null,
                $"{path} matches none of the repository's allowed paths ({string.Join(", ", Policy.RepositoryAllowedPaths)})"));
        }
        return violations;
    }

    private IEnumerable<PolicyViolation> CheckFileShape(FilePatch file)
    {
        if (file.IsBinary && !Policy.AllowBinaryFiles)
        {
            yield return new PolicyViolation(PolicyRuleIds.BinaryFile, file.Path, null, $"{file.Path} is a binary change, which cannot be reviewed");
        }
        if (file.NewPath is null || !file.ModeChanged && file.Kind != FileChangeKind.Added)
        {
            yield break;
        }
        var message = file.NewMode switch
        {
            "120000" => $"{file.Path} becomes a symbolic link",
            "160000" => $"{file.Path} becomes a submodule",
            "100755" when file.Kind != FileChangeKind.Added => $"{file.Path} becomes executable",
            "100755" => $"{file.Path} is created executable",
            _ => null,
        };
        if (message is not null)
        {
            yield return new PolicyViolation(PolicyRuleIds.FileMode, file.Path, null, message);
        }
    }
}
