using SelfHeal.Pipeline;

namespace SelfHeal.Sandboxing;

/// <summary>
/// The configured sandbox cannot be used (bubblewrap is not installed, the platform has none, or running
/// unsandboxed was asked for without being allowed). Stops the run; the message says what to do.
/// </summary>
public sealed class SandboxUnavailableException : RunAbortedException
{
    public SandboxUnavailableException() { }

    public SandboxUnavailableException(string message) : base(message) { }

    public SandboxUnavailableException(string message, Exception innerException) : base(message, innerException) { }
}
