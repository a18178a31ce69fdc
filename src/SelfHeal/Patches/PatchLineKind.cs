namespace SelfHeal.Patches;

/// <summary>What a line inside a hunk does.</summary>
public enum PatchLineKind
{
    /// <summary>Unchanged; present on both sides.</summary>
    Context,

    /// <summary>Present only on the new side (<c>+</c>).</summary>
    Added,

    /// <summary>Present only on the old side (<c>-</c>).</summary>
    Removed,
}
