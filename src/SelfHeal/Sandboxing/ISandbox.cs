using SelfHeal.Processes;

namespace SelfHeal.Sandboxing;

/// <summary>
/// Runs code SelfHeal did not write (the target repository's build, restore and tests).
/// </summary>
/// <remarks>
/// <para>
/// An isolated implementation (<see cref="IsIsolated"/>) guarantees, for the duration of one command:
/// the only writable places are the command's <see cref="SandboxedCommand.WritableRoot"/>, its
/// <see cref="SandboxedCommand.ReadWritePaths"/>, a private <c>/tmp</c> and a private, empty HOME;
/// the host's home folders, runtime sockets and unlisted folders are not visible; the system folders
/// and toolchains (including a toolchain folder under a home that is on PATH, such as <c>~/.pyenv</c>,
/// but never a credential folder such as <c>~/.ssh</c>) are visible read-only; the network is unreachable unless
/// <see cref="SandboxedCommand.AllowNetwork"/>; the environment is an allow-list and never carries
/// secret-looking variables; memory, processes, CPU time, file size, output and wall-clock time are
/// bounded by <see cref="SandboxLimits"/>; and when <see cref="RunAsync"/> returns, every process the
/// command started is gone.
/// </para>
/// <para>
/// Not isolated: CPU and disk bandwidth (a command can still make the machine slow), the kernel's attack
/// surface (this is a namespace sandbox, not a virtual machine), and whatever the caller binds
/// read-write. A hit limit is a value (<see cref="CommandResult.Containment"/>), never an exception.
/// </para>
/// <para>Implementations are thread-safe: commands may run concurrently, each in its own sandbox.</para>
/// </remarks>
public interface ISandbox
{
    /// <summary>Short name shown in logs and reports ("bubblewrap", "none").</summary>
    string Name { get; }

    /// <summary><see langword="false"/> when commands run directly on the host, with the user's rights.</summary>
    bool IsIsolated { get; }

    /// <summary>
    /// Runs <paramref name="command"/> to completion inside the sandbox. A program that cannot be started
    /// is a <see cref="CommandResult.StartError"/>. Throws only <see cref="OperationCanceledException"/>
    /// (after killing everything the command started) and <see cref="SandboxUnavailableException"/> when
    /// the sandbox itself cannot be set up on this machine.
    /// </summary>
    Task<CommandResult> RunAsync(SandboxedCommand command, CancellationToken cancellationToken = default);
}
