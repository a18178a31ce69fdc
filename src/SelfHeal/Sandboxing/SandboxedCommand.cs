using SelfHeal.Processes;

namespace SelfHeal.Sandboxing;

/// <summary>A command to run in an <see cref="ISandbox"/>, with what it may touch.</summary>
/// <param name="Spec">
/// The command. Its <see cref="CommandSpec.Timeout"/> is the wall-clock limit and its
/// <see cref="CommandSpec.MaxOutputChars"/> the output kept; its
/// <see cref="CommandSpec.Environment"/> is added to the sandbox's allow-listed environment, minus
/// secret-looking variables. Its working directory must be inside <paramref name="WritableRoot"/> or
/// one of the <see cref="ReadWritePaths"/>.
/// </param>
/// <param name="WritableRoot">The run's worktree (absolute): the one place the command is meant to write.</param>
public sealed record SandboxedCommand(CommandSpec Spec, string WritableRoot)
{
    /// <summary>Further absolute paths mounted read-write at the same place, e.g. package caches for a restore step.</summary>
    public IReadOnlyList<string> ReadWritePaths { get; init; } = [];

    /// <summary>
    /// Further absolute paths made visible read-only at the same place, e.g. the repository's git folder
    /// that a linked worktree's <c>.git</c> file points into. Missing paths are skipped.
    /// </summary>
    public IReadOnlyList<string> ReadOnlyPaths { get; init; } = [];

    /// <summary>Whether the command may reach the network. Default <see langword="false"/>; only a restore step needs it.</summary>
    public bool AllowNetwork { get; init; }

    /// <summary>Resource limits; <see langword="null"/> takes <see cref="SandboxOptions.Limits"/>.</summary>
    public SandboxLimits? Limits { get; init; }
}
