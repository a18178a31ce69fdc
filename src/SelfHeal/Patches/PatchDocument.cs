namespace SelfHeal.Patches;

/// <summary>A parsed unified diff (as printed by <c>git diff</c>, <c>git format-patch</c> or <c>diff -u</c>).</summary>
public sealed record PatchDocument(IReadOnlyList<FilePatch> Files)
{
    public int AddedLineCount => Files.Sum(f => f.AddedLineCount);

    public int RemovedLineCount => Files.Sum(f => f.RemovedLineCount);

    /// <summary>
    /// Parses <paramref name="unifiedDiff"/>. Never throws for malformed input: a diff with no file headers,
    /// a hunk outside a file, a malformed hunk header or a hunk shorter or longer than its header says
    /// is a failed <see cref="PatchParseResult"/> whose message names the line. Text before the first file
    /// header (a commit message) and git's extended headers it does not need (<c>index</c>, similarity) are ignored.
    /// </summary>
    public static PatchParseResult Parse(string unifiedDiff)
    {
        ArgumentNullException.ThrowIfNull(unifiedDiff);
        return new UnifiedDiffParser(unifiedDiff).Parse();
    }
}
