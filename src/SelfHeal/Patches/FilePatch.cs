namespace SelfHeal.Patches;

/// <summary>
/// The changes to one file. Paths are repository-relative with the <c>a/</c> and <c>b/</c> prefixes removed
/// and git's C-style quoting undone; they are exactly what the diff says and are not validated here (a path
/// may contain <c>..</c> or be absolute: the policy decides).
/// </summary>
/// <param name="OldPath">Path before the change; <see langword="null"/> when the file is created.</param>
/// <param name="NewPath">Path after the change; <see langword="null"/> when the file is deleted.</param>
/// <param name="OldMode">Octal git mode before (<c>100644</c>), when the diff states it.</param>
/// <param name="NewMode">Octal git mode after (<c>100755</c>, <c>120000</c> for a symlink), when the diff states it.</param>
/// <param name="IsBinary">The diff carries no text hunks for this file (<c>Binary files ... differ</c> or <c>GIT binary patch</c>).</param>
public sealed record FilePatch(
    string? OldPath,
    string? NewPath,
    FileChangeKind Kind,
    string? OldMode,
    string? NewMode,
    bool IsBinary,
    IReadOnlyList<PatchHunk> Hunks)
{
    /// <summary>The path the change lands on: the new path, or the old one for a deletion.</summary>
    public string Path => NewPath ?? OldPath ?? "";

    /// <summary>Every distinct path this patch touches (both sides of a rename).</summary>
    public IEnumerable<string> Paths => new[] { OldPath, NewPath }.OfType<string>().Distinct(StringComparer.Ordinal);

    public int AddedLineCount => Hunks.Sum(h => h.Lines.Count(l => l.Kind == PatchLineKind.Added));

    public int RemovedLineCount => Hunks.Sum(h => h.Lines.Count(l => l.Kind == PatchLineKind.Removed));

    /// <summary>Whether the mode changed (executable bit, symlink, submodule).</summary>
    public bool ModeChanged => NewMode is not null && OldMode != NewMode;
}
