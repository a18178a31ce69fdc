using SelfHeal.Patches;

namespace SelfHeal.Decisions;

/// <summary>The lines a patch changes, as (file, line on the old side); an insertion counts the line it follows.</summary>
internal sealed class PatchFootprint
{
    private readonly HashSet<(string File, int Line)> _lines;

    private PatchFootprint(HashSet<(string, int)> lines) => _lines = lines;

    public static PatchFootprint Of(PatchDocument patch)
    {
        var lines = new HashSet<(string, int)>();
        foreach (var file in patch.Files)
        {
            foreach (var hunk in file.Hunks)
            {
                var removed = hunk.RemovedLines.Select(l => l.OldLineNumber ?? 0).ToList();
                if (removed.Count == 0)
                {
                    var before = hunk.Lines.TakeWhile(l => l.Kind != PatchLineKind.Added).LastOrDefault()?.OldLineNumber ?? hunk.OldStart;
                    removed.Add(before);
                }
                foreach (var line in removed)
                {
                    lines.Add((file.Path, line));
                }
            }
        }
        return new PatchFootprint(lines);
    }

    public bool Overlaps(PatchFootprint other) => _lines.Overlaps(other._lines);
}
