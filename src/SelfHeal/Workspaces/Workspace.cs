namespace SelfHeal.Workspaces;

/// <summary>A run's private git worktree of the target repository.</summary>
/// <param name="Path">Absolute path of the worktree; the run may write only here.</param>
/// <param name="RepositoryPath">The user's repository (top level); never written to.</param>
/// <param name="Commit">The full commit id the worktree is at.</param>
/// <param name="CopiedChanges">Uncommitted files copied in from the user's checkout.</param>
/// <param name="IgnoredChanges">Uncommitted files in the user's checkout that were left out.</param>
public sealed record Workspace(string Path, string RepositoryPath, string Commit, IReadOnlyList<string> CopiedChanges, IReadOnlyList<string> IgnoredChanges);
