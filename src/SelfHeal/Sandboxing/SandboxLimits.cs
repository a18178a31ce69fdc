namespace SelfHeal.Sandboxing;

/// <summary>
/// Resource limits for one sandboxed command. The wall-clock limit is the command's
/// <see cref="Processes.CommandSpec.Timeout"/>. A limit that is hit shows in
/// <see cref="Processes.CommandResult.Containment"/>.
/// </summary>
public sealed record SandboxLimits
{
    /// <summary>
    /// Memory (resident plus swap, including tmpfs pages the command writes) for the whole process tree.
    /// Default 4 GiB. Enforced with a memory cgroup; where none can be created, with RLIMIT_DATA per process.
    /// Address space (RLIMIT_AS) is deliberately not limited: the .NET runtime and the JVM reserve far more
    /// virtual memory than they use, and neither starts under a 1 GiB RLIMIT_AS; RLIMIT_DATA counts only
    /// memory actually made writable, so <c>dotnet</c> runs under it.
    /// </summary>
    public long MemoryBytes { get; init; } = 4L * 1024 * 1024 * 1024;

    /// <summary>CPU seconds per process (RLIMIT_CPU); <see langword="null"/> (default) leaves only the wall-clock limit.</summary>
    public int? CpuSeconds { get; init; }

    /// <summary>
    /// Processes and threads the whole tree may hold at once. Default 512. Enforced with a pids cgroup,
    /// which also holds when SelfHeal runs as root; where none can be created, with RLIMIT_NPROC, which
    /// counts all of the user's processes and does not bind root.
    /// </summary>
    public int MaxProcesses { get; init; } = 512;

    /// <summary>Largest file the command may write (RLIMIT_FSIZE). Default 1 GiB.</summary>
    public long MaxFileSizeBytes { get; init; } = 1024L * 1024 * 1024;

    /// <summary>
    /// Characters of output (stdout and stderr together) after which the command is killed. Default 256 Mi.
    /// Only the first <see cref="Processes.CommandSpec.MaxOutputChars"/> are kept either way.
    /// </summary>
    public long MaxOutputChars { get; init; } = 256L * 1024 * 1024;
}
