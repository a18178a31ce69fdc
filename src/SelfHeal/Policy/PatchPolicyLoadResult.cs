using System.Diagnostics.CodeAnalysis;

namespace SelfHeal.Policy;

/// <summary>
/// The effective policy for a repository, or why its <c>.selfheal.yml</c> could not be read. On error
/// <see cref="Policy"/> is still the server policy, but the repository's intended restrictions are unknown:
/// callers should stop and report <see cref="Error"/> rather than apply a patch under the looser policy.
/// </summary>
/// <param name="Notes">Repository settings that were ignored because they would widen the server policy.</param>
public sealed record PatchPolicyLoadResult(PatchPolicy Policy, IReadOnlyList<string> Notes, string? Error)
{
    /// <summary>The repository's <c>validation:</c> section (optional performance and end-to-end commands); none on error.</summary>
    public ValidationPolicy Validation { get; init; } = ValidationPolicy.None;

    /// <summary>The repository's <c>decision:</c> section; none on error.</summary>
    public Decisions.DecisionOverrides Decision { get; init; } = Decisions.DecisionOverrides.None;

    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;
}
