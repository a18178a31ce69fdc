namespace SelfHeal.Policy;

/// <summary>
/// The effective policy for one repository: the server's <see cref="PatchPolicyOptions"/> tightened by the
/// repository's <c>.selfheal.yml</c>. Immutable.
/// </summary>
/// <param name="AllowedPaths">A changed path must match one of these (server side).</param>
/// <param name="RepositoryAllowedPaths">When not empty, a changed path must also match one of these.</param>
public sealed record PatchPolicy(
    IReadOnlyList<string> AllowedPaths,
    IReadOnlyList<string> RepositoryAllowedPaths,
    IReadOnlyList<ForbiddenPathRule> ForbiddenPaths,
    int MaxFilesChanged,
    int MaxLinesChanged,
    TestEditPolicy TestEdits,
    bool AllowBinaryFiles)
{
    /// <summary>The server-side policy alone, as <paramref name="options"/> configure it.</summary>
    public static PatchPolicy FromOptions(PatchPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var forbidden = new List<ForbiddenPathRule>();
        if (options.UseDefaultForbiddenPaths)
        {
            forbidden.AddRange(DefaultForbiddenPaths.Rules);
        }
        if (!options.AllowProjectFiles)
        {
            forbidden.AddRange(DefaultForbiddenPaths.ProjectFileRules);
        }
        forbidden.AddRange(options.ForbiddenPaths.Select(glob => new ForbiddenPathRule(glob, "forbidden by the server configuration")));
        return new PatchPolicy(
            options.AllowedPaths.Count == 0 ? ["**"] : [.. options.AllowedPaths], [], forbidden, options.MaxFilesChanged, options.MaxLinesChanged, options.TestEdits, options.AllowBinaryFiles);
    }
}
