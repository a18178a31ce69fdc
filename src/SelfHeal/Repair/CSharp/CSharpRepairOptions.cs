using System.ComponentModel.DataAnnotations;

namespace SelfHeal.Repair.CSharp;

/// <summary>Limits and switches of the C# template engine.</summary>
public sealed class CSharpRepairOptions
{
    /// <summary>At most this many candidates (after the in-memory checks) are yielded per suspect.</summary>
    [Range(1, 10_000)]
    public int MaxCandidatesPerSuspect { get; set; } = 200;

    /// <summary>How many of the top suspects (C# files only) the engine repairs.</summary>
    [Range(1, 1_000)]
    public int SuspectsConsidered { get; set; } = 10;

    /// <summary>Suspects whose candidates are generated and ranked together before any is yielded.</summary>
    [Range(1, 100)]
    public int SuspectsPerBatch { get; set; } = 3;

    /// <summary>Template names (see <see cref="TemplatePriors"/>) the engine does not apply.</summary>
    public ISet<string> DisabledTemplates { get; } = new HashSet<string>(StringComparer.Ordinal);
}
