namespace SelfHeal.Patches;

/// <summary>One <c>@@ -a,b +c,d @@</c> block of a file patch.</summary>
/// <param name="Section">The text after the closing <c>@@</c> (often the enclosing function); empty when absent.</param>
public sealed record PatchHunk(int OldStart, int OldCount, int NewStart, int NewCount, string Section, IReadOnlyList<PatchLine> Lines)
{
    public IEnumerable<PatchLine> AddedLines => Lines.Where(l => l.Kind == PatchLineKind.Added);

    public IEnumerable<PatchLine> RemovedLines => Lines.Where(l => l.Kind == PatchLineKind.Removed);
}
