namespace SelfHeal.Sandboxing;

/// <summary>
/// The package caches a sandboxed command sees. SelfHeal keeps its own caches (NuGet, npm, pip, Go modules, Maven's
/// local repository) under <see cref="SandboxOptions.CacheDirectory"/>: writable only by a restore step (the one step
/// with network), read-only for builds and tests. The user's NuGet package folder is a read-only fallback, so packages
/// the machine already has are used in place, offline, and nothing a repository does can change them. Build caches
/// that a test run must write (Go's) are kept per run inside the worktree instead (see <c>GoTestRunner</c>), so no
/// repository's tests can plant anything another run would use.
/// </summary>
internal sealed class PackageCaches(SandboxOptions options)
{
    /// <summary>The cache folders: NuGet's global packages, npm's cache, pip's cache, Go's module cache, Maven's local repository.</summary>
    public IReadOnlyList<string> Folders => [NuGet, Npm, Pip, GoModules, Maven];

    private string NuGet => Path.Combine(Root, "nuget", "packages");

    private string Npm => Path.Combine(Root, "npm");

    private string Pip => Path.Combine(Root, "pip");

    private string GoModules => Path.Combine(Root, "go", "mod");

    private string Maven => Path.Combine(Root, "maven", "repository");

    private string Root => Path.GetFullPath(options.CacheDirectory);

    /// <summary><paramref name="command"/> with the cache variables set and the cache folders mounted.</summary>
    public SandboxedCommand Apply(SandboxedCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var folder in Folders)
        {
            Directory.CreateDirectory(folder);
        }
        var environment = new Dictionary<string, string?>(command.Spec.Environment, StringComparer.Ordinal)
        {
            ["NUGET_PACKAGES"] = NuGet,
            ["npm_config_cache"] = Npm,
            ["PIP_CACHE_DIR"] = Pip,
            ["GOMODCACHE"] = GoModules,
            ["GOTELEMETRY"] = "off",
            ["MAVEN_OPTS"] = "-Dmaven.repo.local=" + Maven,
        };
        var readOnly = new List<string>(command.ReadOnlyPaths);
        if (HostNuGetPackages() is { } host)
        {
            environment["NUGET_FALLBACK_PACKAGES"] = host;
            readOnly.Add(host);
        }
        var readWrite = new List<string>(command.ReadWritePaths);
        (command.AllowNetwork ? readWrite : readOnly).AddRange(Folders);
        return command with
        {
            Spec = command.Spec with { Environment = environment },
            ReadOnlyPaths = readOnly,
            ReadWritePaths = readWrite,
        };
    }

    /// <summary>The user's NuGet global packages folder (<c>$NUGET_PACKAGES</c>, else <c>~/.nuget/packages</c>) when it exists.</summary>
    private static string? HostNuGetPackages()
    {
        var configured = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        var path = !string.IsNullOrWhiteSpace(configured)
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return Path.IsPathRooted(path) && Directory.Exists(path) ? Path.GetFullPath(path) : null;
    }
}
