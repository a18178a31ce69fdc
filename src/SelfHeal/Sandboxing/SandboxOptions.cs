namespace SelfHeal.Sandboxing;

/// <summary>How SelfHeal isolates the code it runs.</summary>
public sealed class SandboxOptions
{
    /// <summary>The bubblewrap sandbox (Linux).</summary>
    public const string Bubblewrap = "bubblewrap";

    /// <summary>No sandbox: untrusted code runs with the user's rights. Needs <see cref="AllowUnsandboxed"/>.</summary>
    public const string None = "none";

    /// <summary>
    /// <see cref="Bubblewrap"/> (default) or <see cref="None"/>. Bubblewrap exists only on Linux; elsewhere
    /// resolving it throws <see cref="SandboxUnavailableException"/>.
    /// </summary>
    public string Kind { get; set; } = Bubblewrap;

    /// <summary>
    /// Must be <see langword="true"/> for <see cref="Kind"/> <see cref="None"/>: running untrusted code
    /// unsandboxed takes a deliberate opt-in (the CLI's <c>--sandbox none</c> sets both). Default <see langword="false"/>.
    /// </summary>
    public bool AllowUnsandboxed { get; set; }

    /// <summary>Limits for commands that do not bring their own.</summary>
    public SandboxLimits Limits { get; set; } = new();

    /// <summary>The bubblewrap program, looked up on PATH when not rooted. Default <c>bwrap</c>.</summary>
    public string BubblewrapPath { get; set; } = "bwrap";

    /// <summary>
    /// Extra host paths made visible read-only at the same place, for toolchains installed outside the
    /// system folders and PATH. Default none.
    /// </summary>
    public IList<string> ReadOnlyPaths { get; } = [];

    /// <summary>
    /// Folder of SelfHeal's package caches (NuGet, npm, pip), writable only by restore steps. Default: <c>cache</c>
    /// in the per-user data folder.
    /// </summary>
    public string CacheDirectory { get; set; } = Path.Combine(SelfHealPaths.DataDirectory, "cache");
}
