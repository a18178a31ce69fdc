namespace SelfHeal.Patches;

/// <summary>What a file patch does to its file.</summary>
public enum FileChangeKind
{
    Modified,
    Added,
    Deleted,
    Renamed,
    Copied,
}
