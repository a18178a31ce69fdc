using SelfHeal.Sandboxing;

namespace SelfHeal.Server.Jobs;

/// <summary>
/// How the service heals the bugs it accepts, from the <c>Heal</c> configuration section. A bug is healed only in a
/// repository listed in <see cref="Repositories"/>; a report for any other is kept and marked as needing configuration.
/// </summary>
public sealed class HealOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Heal";

    /// <summary>
    /// The repositories the service may heal, by the name reports give (<c>owner/name</c>, compared without regard to
    /// case), each with the local git checkout runs work from. Default none.
    /// </summary>
    public Dictionary<string, HealRepository> Repositories { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Where a repository's restore, build and tests run: <c>bubblewrap</c> (default) or <c>none</c>. The service never
    /// runs a repository's code unsandboxed unless this says <c>none</c>: without bubblewrap a heal fails and says why.
    /// </summary>
    public string Sandbox { get; set; } = SandboxOptions.Bubblewrap;

    /// <summary>Extra host folders the sandbox shows read-only (toolchains installed outside the system folders). Default none.</summary>
    public List<string> ReadOnlyPaths { get; } = [];

    /// <summary>The bubblewrap program, looked up on PATH when not rooted. Default <c>bwrap</c>.</summary>
    public string BubblewrapPath { get; set; } = "bwrap";
}

/// <summary>A repository the service heals.</summary>
public sealed class HealRepository
{
    /// <summary>The local git checkout (never modified: runs work in their own worktrees and deliver a branch).</summary>
    public string Path { get; set; } = "";

    /// <summary>The test command, when auto-detection should not choose it.</summary>
    public string? TestCommand { get; set; }
}
