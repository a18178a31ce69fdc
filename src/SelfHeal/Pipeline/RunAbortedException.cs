namespace SelfHeal.Pipeline;

/// <summary>
/// Stops a run because it cannot go on (the repo is not a git repository, a required tool is missing,
/// the sandbox is unavailable). The message is shown to the user as is: say what is wrong and what to do.
/// </summary>
public class RunAbortedException : Exception
{
    public RunAbortedException() { }

    public RunAbortedException(string message) : base(message) { }

    public RunAbortedException(string message, Exception innerException) : base(message, innerException) { }
}
