using SelfHeal.Repair;

namespace SelfHeal.Validation;

/// <summary>
/// Builds a candidate without the project's build tool and puts the result where the earlier test build left its
/// outputs, so the tests can run without rebuilding. Not thread-safe: one worktree, one candidate at a time.
/// </summary>
public interface ICandidateBuilder
{
    /// <summary>
    /// Builds <paramref name="candidate"/> (its edits refer to the worktree's unedited files) and overwrites the build
    /// outputs in <paramref name="workspacePath"/>. Null when this builder cannot build it or the result has errors;
    /// nothing is changed then.
    /// </summary>
    Task<CandidateBuild?> TryBuildAsync(string workspacePath, CandidatePatch candidate, CancellationToken cancellationToken = default);

    /// <summary>Puts back the outputs <paramref name="build"/> overwrote, byte for byte.</summary>
    Task RestoreAsync(CandidateBuild build, CancellationToken cancellationToken = default);
}
