namespace SelfHeal.Policy;

/// <summary>A path glob a patch may not touch, with the reason shown in violations.</summary>
/// <param name="Glob">
/// A gitignore-style glob, matched case-insensitively: without a <c>/</c> it matches a file or folder name at any
/// depth (<c>Makefile</c>, <c>*.pem</c>, <c>.git*</c>); with one it is anchored at the repository root
/// (<c>.github/**</c>). <c>*</c> stays within a folder, <c>**</c> crosses folders, <c>?</c> is one character.
/// </param>
/// <param name="Category">Why the glob is forbidden (<c>CI and workflow files</c>).</param>
public sealed record ForbiddenPathRule(string Glob, string Category);
