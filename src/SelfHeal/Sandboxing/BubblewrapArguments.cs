using System.Globalization;

namespace SelfHeal.Sandboxing;

/// <summary>
/// The bubblewrap command line for one command: which host paths are visible (read-only system
/// folders and toolchains), which are writable (the worktree, the listed paths, a private /tmp and
/// HOME), which namespaces are new, and the rlimits applied by <c>prlimit</c> inside.
/// </summary>
internal static class BubblewrapArguments
{
    /// <summary>Host folders visible read-only. Home folders, /run (sockets), /var, /srv, /mnt are not.</summary>
    public static readonly IReadOnlyList<string> SystemRoots = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/opt", "/nix", "/snap"];

    /// <summary>
    /// Secrets under /etc that root (uid 0 inside the sandbox when SelfHeal runs as root) can read as their
    /// owner even without capabilities: covered by /dev/null, which cannot be opened on the sandbox's nodev mounts.
    /// </summary>
    private static readonly string[] MaskedFiles = ["/etc/shadow", "/etc/gshadow", "/etc/shadow-", "/etc/gshadow-"];

    /// <summary>Folders under a home that hold credentials: never made visible, even when on PATH.</summary>
    private static readonly string[] CredentialFolders = [".ssh", ".aws", ".azure", ".gnupg", ".docker", ".kube", ".nuget", ".netrc", ".git-credentials", ".npmrc", ".pypirc"];

    /// <summary>Folders under a home of which only the PATH entry itself is made visible.</summary>
    private static readonly string[] SharedFolders = [".local", ".config", ".cache"];

    /// <summary>Credential files that toolchain folders may hold (cargo's registry tokens).</summary>
    private static readonly string[] ToolchainCredentialFiles = ["credentials", "credentials.toml"];

    /// <summary>Builds bwrap's arguments, ending with <c>-- prlimit ... -- program arguments</c>.</summary>
    public static List<string> Build(
        SandboxedCommand command, SandboxLimits limits, IReadOnlyDictionary<string, string> environment,
        IEnumerable<string> extraReadOnlyPaths, bool memoryAndProcessesInCgroup)
    {
        var args = new List<string> { "--unshare-all" };
        if (command.AllowNetwork)
        {
            args.Add("--share-net");
        }
        args.AddRange(["--unshare-user", "--disable-userns", "--cap-drop", "ALL", "--die-with-parent", "--new-session", "--hostname", "sandbox"]);

        var visible = new List<string>();
        foreach (var root in SystemRoots)
        {
            var info = new DirectoryInfo(root);
            if (info.LinkTarget is { } target)
            {
                args.AddRange(["--symlink", target, root]);
            }
            else if (info.Exists)
            {
                args.AddRange(["--ro-bind", root, root]);
                visible.Add(root);
            }
        }
        var hostKeys = Directory.Exists("/etc/ssh") ? Directory.EnumerateFiles("/etc/ssh", "ssh_host_*_key") : [];
        foreach (var file in MaskedFiles.Where(File.Exists).Concat(hostKeys))
        {
            args.AddRange(["--ro-bind", "/dev/null", file]);
        }

        var tmpfsSize = limits.MemoryBytes.ToString(CultureInfo.InvariantCulture);
        args.AddRange(["--dev", "/dev", "--proc", "/proc"]);
        args.AddRange(["--size", tmpfsSize, "--tmpfs", "/tmp", "--size", tmpfsSize, "--tmpfs", "/var/tmp"]);
        args.AddRange(["--size", tmpfsSize, "--tmpfs", SandboxEnvironment.Home]);

        foreach (var path in ReadOnlyPaths(environment, extraReadOnlyPaths, command.AllowNetwork))
        {
            if (!visible.Any(v => IsUnder(path, v)))
            {
                args.AddRange(["--ro-bind", path, path]);
                visible.Add(path);
                foreach (var credentials in ToolchainCredentialFiles.Select(f => Path.Combine(path, f)).Where(File.Exists))
                {
                    args.AddRange(["--ro-bind", "/dev/null", credentials]);
                }
            }
        }

        foreach (var path in command.ReadWritePaths.Select(Normalize))
        {
            args.AddRange(["--bind", path, path]);
        }
        var worktree = Normalize(command.WritableRoot);
        args.AddRange(["--bind", worktree, worktree]);
        args.AddRange(["--remount-ro", "/"]);

        args.AddRange(["--chdir", Normalize(command.Spec.WorkingDirectory), "--clearenv"]);
        foreach (var (name, value) in environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            args.AddRange(["--setenv", name, value]);
        }

        args.AddRange(["--", "prlimit", "--nproc=" + limits.MaxProcesses.ToString(CultureInfo.InvariantCulture),
            "--fsize=" + limits.MaxFileSizeBytes.ToString(CultureInfo.InvariantCulture)]);
        if (limits.CpuSeconds is { } cpu)
        {
            // Soft limit: SIGXCPU (reported as "cpu"); the hard limit a second later is SIGKILL.
            args.Add(string.Create(CultureInfo.InvariantCulture, $"--cpu={cpu}:{cpu + 1}"));
        }
        if (!memoryAndProcessesInCgroup)
        {
            args.Add("--data=" + limits.MemoryBytes.ToString(CultureInfo.InvariantCulture));
        }
        args.Add("--");
        args.Add(command.Spec.FileName);
        args.AddRange(command.Spec.Arguments);
        return args;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="root"/> or inside it (both normalized).</summary>
    public static bool IsUnder(string path, string root) =>
        path == root || root == "/" || path.StartsWith(root + "/", StringComparison.Ordinal);

    /// <summary>The absolute path without a trailing separator.</summary>
    public static string Normalize(string path)
    {
        var full = Path.GetFullPath(path);
        return full.Length > 1 ? full.TrimEnd('/') : full;
    }

    /// <summary>
    /// Toolchains outside the system folders: PATH entries (under a home, the tool's top folder, e.g.
    /// <c>~/.pyenv</c>, but never a credential folder), DOTNET_ROOT, JAVA_HOME, PYENV_ROOT, certificate
    /// bundles, the resolver configuration when the network is allowed, and the configured extra paths.
    /// </summary>
    private static IEnumerable<string> ReadOnlyPaths(IReadOnlyDictionary<string, string> environment, IEnumerable<string> extra, bool network)
    {
        var candidates = new List<string>();
        if (environment.TryGetValue("PATH", out var path))
        {
            candidates.AddRange(path.Split(':', StringSplitOptions.RemoveEmptyEntries).Where(Path.IsPathRooted).Select(ToolchainRoot).OfType<string>());
        }
        foreach (var name in (string[])["DOTNET_ROOT", "JAVA_HOME", "PYENV_ROOT"])
        {
            if (environment.TryGetValue(name, out var value) && Path.IsPathRooted(value) && ToolchainRoot(value) is { } root)
            {
                candidates.Add(root);
            }
        }
        foreach (var name in SandboxEnvironment.FileVariables)
        {
            if (environment.TryGetValue(name, out var value) && Path.IsPathRooted(value))
            {
                candidates.Add(value);
            }
        }
        if (network && new FileInfo("/etc/resolv.conf").ResolveLinkTarget(returnFinalTarget: true) is { } resolver)
        {
            candidates.Add(resolver.FullName);
        }
        candidates.AddRange(extra.Where(Path.IsPathRooted));
        return candidates
            .Select(RealPath)
            .Where(p => Directory.Exists(p) || File.Exists(p))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(p => p.Length);
    }

    /// <summary>The path with its last component's symlinks resolved (<c>/bin</c> is <c>/usr/bin</c> on merged-/usr systems).</summary>
    private static string RealPath(string path)
    {
        var normalized = Normalize(path);
        FileSystemInfo info = Directory.Exists(normalized) ? new DirectoryInfo(normalized) : new FileInfo(normalized);
        return info.LinkTarget is null ? normalized : Normalize(info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? normalized);
    }

    private static string? ToolchainRoot(string entry)
    {
        var normalized = Normalize(entry);
        if (normalized is "/" or "/home" || IsUnder(normalized, "/run") || IsUnder(normalized, "/var/run"))
        {
            // Would expose every home or the host's sockets.
            return null;
        }
        var home = HomeOf(normalized);
        if (home is null)
        {
            return normalized;
        }
        var rest = normalized.Length > home.Length ? normalized[(home.Length + 1)..] : "";
        var top = rest.Split('/')[0];
        if (top.Length == 0 || CredentialFolders.Contains(top, StringComparer.Ordinal))
        {
            return null;
        }
        return SharedFolders.Contains(top, StringComparer.Ordinal) ? normalized : Path.Combine(home, top);
    }

    private static string? HomeOf(string path)
    {
        if (IsUnder(path, "/root"))
        {
            return "/root";
        }
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && parts[0] == "home" ? "/home/" + parts[1] : null;
    }
}
