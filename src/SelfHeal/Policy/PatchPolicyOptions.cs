using System.ComponentModel.DataAnnotations;

namespace SelfHeal.Policy;

/// <summary>
/// What the server (or the CLI) allows a patch to change. This is the ceiling: a repository's
/// <c>.selfheal.yml</c> can only tighten it (add forbidden globs, narrow the allowed globs, lower the limits,
/// make the test rule stricter), never widen it. A repository cannot un-forbid a default path, raise a
/// limit or relax the test rule; such settings are ignored and reported in <see cref="PatchPolicyLoadResult.Notes"/>.
/// </summary>
public sealed class PatchPolicyOptions
{
    /// <summary>
    /// Globs a changed path must match (syntax of <see cref="ForbiddenPathRule.Glob"/>, matched case-sensitively).
    /// Empty, the default, allows every path. (Empty rather than <c>**</c> so that configuration binding, which
    /// appends to a list, narrows the policy instead of adding to an allow-all entry.)
    /// </summary>
    public List<string> AllowedPaths { get; set; } = [];

    /// <summary>Globs forbidden in addition to <see cref="DefaultForbiddenPaths.Rules"/>. Default: none.</summary>
    public List<string> ForbiddenPaths { get; set; } = [];

    /// <summary>Whether <see cref="DefaultForbiddenPaths.Rules"/> apply. Default: <see langword="true"/>; turn off only for a trusted setup.</summary>
    public bool UseDefaultForbiddenPaths { get; set; } = true;

    /// <summary>Whether project files (<c>*.csproj</c>, <c>build.gradle</c>, ...) may be edited. Default: <see langword="false"/>.</summary>
    public bool AllowProjectFiles { get; set; }

    /// <summary>Most files one patch may touch. Default: 5.</summary>
    [Range(1, 1000)]
    public int MaxFilesChanged { get; set; } = 5;

    /// <summary>Most added plus removed lines in one patch. Default: 60.</summary>
    [Range(1, 100_000)]
    public int MaxLinesChanged { get; set; } = 60;

    /// <summary>How test files may be edited. Default: <see cref="TestEditPolicy.AddOnly"/>.</summary>
    public TestEditPolicy TestEdits { get; set; } = TestEditPolicy.AddOnly;

    /// <summary>Whether binary files may be changed (they cannot be reviewed). Default: <see langword="false"/>.</summary>
    public bool AllowBinaryFiles { get; set; }
}
