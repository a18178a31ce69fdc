using SelfHeal.Processes;

namespace SelfHeal.Sandboxing;

/// <summary>
/// Runs commands directly on the host with <see cref="ProcessRunner"/>: nothing is isolated, only the
/// timeout and the output cap apply. Every result carries <see cref="Warning"/>. Used only when the user
/// explicitly opted in (<see cref="SandboxOptions.AllowUnsandboxed"/>). Thread-safe.
/// </summary>
internal sealed class NoSandbox(ProcessRunner runner) : ISandbox
{
    /// <summary>The warning on every result.</summary>
    public const string Warning =
        "UNSANDBOXED: untrusted code from the repository ran with your user's rights, network and files (sandbox 'none')";

    public string Name => SandboxOptions.None;

    public bool IsIsolated => false;

    public async Task<CommandResult> RunAsync(SandboxedCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var result = await runner.RunAsync(command.Spec, cancellationToken).ConfigureAwait(false);
        return result with
        {
            Containment = result.TimedOut ? "timeout" : null,
            Warning = result.Warning is null ? Warning : Warning + "; " + result.Warning,
        };
    }
}
