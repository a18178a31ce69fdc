namespace SelfHeal.Patches;

/// <summary>Collects one file's headers and hunks while <see cref="UnifiedDiffParser"/> reads them.</summary>
internal sealed class FilePatchBuilder
{
    public string? OldPath { get; set; }

    public string? NewPath { get; set; }

    public bool FromGitHeader { get; init; }

    public bool SawFileLines { get; set; }

    public bool IsNew { get; set; }

    public bool IsDeleted { get; set; }

    public bool IsRename { get; set; }

    public bool IsCopy { get; set; }

    public bool IsBinary { get; set; }

    public string? OldMode { get; set; }

    public string? NewMode { get; set; }

    public List<PatchHunk> Hunks { get; } = [];

    public FilePatch Build()
    {
        var oldPath = IsNew ? null : OldPath;
        var newPath = IsDeleted ? null : NewPath;
        var kind = oldPath is null ? FileChangeKind.Added
            : newPath is null ? FileChangeKind.Deleted
            : IsRename ? FileChangeKind.Renamed
            : IsCopy ? FileChangeKind.Copied
            : FileChangeKind.Modified;
        return new FilePatch(oldPath, newPath, kind, OldMode, NewMode, IsBinary, [.. Hunks]);
    }
}
