using SelfHeal.Auditing;
using SelfHeal.Processes;

namespace SelfHeal.Sandboxing;

/// <summary>
/// The one way SelfHeal runs code it did not write (the target repository's restore, build and tests, and the
/// tools that read candidate code): in the configured <see cref="ISandbox"/>, with SelfHeal's package caches
/// mounted (see <see cref="PackageCaches"/>), and recorded in the current run's audit log. Thread-safe.
/// </summary>
public sealed class SandboxedCommandRunner
{
    private readonly ISandbox _sandbox;
    private readonly PackageCaches _caches;
    private readonly RunAudit? _audit;

    public SandboxedCommandRunner(ISandbox sandbox, SandboxOptions options, RunAudit? audit = null)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        ArgumentNullException.ThrowIfNull(options);
        _sandbox = sandbox;
        _caches = new PackageCaches(options);
        _audit = audit;
    }

    /// <summary>The sandbox's name (<c>bubblewrap</c>, <c>none</c>).</summary>
    public string SandboxName => _sandbox.Name;

    /// <summary><see langword="false"/> when commands run on the host unsandboxed (explicit opt-in).</summary>
    public bool IsIsolated => _sandbox.IsIsolated;

    /// <summary>
    /// Runs <paramref name="command"/> in the sandbox. Throws only <see cref="OperationCanceledException"/> and
    /// <see cref="SandboxUnavailableException"/> (see <see cref="ISandbox.RunAsync"/>).
    /// </summary>
    public async Task<CommandResult> RunAsync(SandboxedCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var result = await _sandbox.RunAsync(_caches.Apply(command), cancellationToken).ConfigureAwait(false);
        if (_audit is not null)
        {
            await _audit.CommandAsync(command.Spec, result, _sandbox.Name, command.AllowNetwork, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        return result;
    }

    /// <summary>
    /// Runs <paramref name="spec"/> without network, with <paramref name="worktree"/> (which holds its working directory)
    /// and <paramref name="writable"/> (e.g. the run's results folder) the only writable places.
    /// </summary>
    public Task<CommandResult> RunAsync(CommandSpec spec, string worktree, IReadOnlyList<string>? writable = null, CancellationToken cancellationToken = default) =>
        RunAsync(new SandboxedCommand(spec, worktree) { ReadWritePaths = writable ?? [] }, cancellationToken);
}
