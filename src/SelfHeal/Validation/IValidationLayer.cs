namespace SelfHeal.Validation;

/// <summary>
/// One check of a candidate patch. <see cref="CandidateValidator"/> runs the registered layers in ascending
/// <see cref="Order"/> (cheapest first) and stops at the first that fails.
/// </summary>
/// <remarks>
/// Layers ordered below <see cref="ValidationLayerOrder.Applied"/> see the worktree without the candidate (its edits
/// refer to the unedited files); the candidate is applied just before the first layer at or above it, and the
/// worktree is restored after the last. A layer reports what it found as a <see cref="LayerResult"/>, never by
/// throwing; only cancellation is thrown. Layers are singletons and must be thread-safe; one candidate is
/// validated at a time in a worktree.
/// </remarks>
public interface IValidationLayer
{
    /// <summary>Short, persisted name: <c>compile</c>, <c>targeted-tests</c>, ... (see <see cref="ValidationLayerOrder"/>).</summary>
    string Name { get; }

    /// <summary>Where the layer runs in the sequence; a <see cref="ValidationLayerOrder"/> value.</summary>
    int Order { get; }

    /// <summary>Checks the candidate of <paramref name="context"/>.</summary>
    Task<LayerResult> ValidateAsync(ValidationContext context, CancellationToken cancellationToken = default);
}
