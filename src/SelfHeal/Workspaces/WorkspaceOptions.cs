namespace SelfHeal.Workspaces;

/// <summary>Where run worktrees live.</summary>
public sealed class WorkspaceOptions
{
    /// <summary>Folder holding one worktree per live run. Default: <c>worktrees</c> in the per-user data folder.</summary>
    public string Root { get; set; } = System.IO.Path.Combine(SelfHealPaths.DataDirectory, "worktrees");
}
