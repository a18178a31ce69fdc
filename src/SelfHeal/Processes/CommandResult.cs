namespace SelfHeal.Processes;

/// <summary>What a finished (or killed) command left behind. Never thrown: a failing command is a value.</summary>
/// <param name="ExitCode">The exit code; -1 when the program could not be started or was killed.</param>
/// <param name="Output">Standard output and standard error, interleaved in arrival order, capped.</param>
/// <param name="Duration">Wall-clock time from start to exit.</param>
public sealed record CommandResult(int ExitCode, string Output, TimeSpan Duration)
{
    /// <summary>The command ran past its timeout and its process tree was killed.</summary>
    public bool TimedOut { get; init; }

    /// <summary>The output exceeded the cap and was cut.</summary>
    public bool OutputTruncated { get; init; }

    /// <summary>Set when the program could not be started at all (not found, not executable).</summary>
    public string? StartError { get; init; }

    /// <summary>
    /// The limits a sandbox enforced on this command, comma-separated in a fixed order ("memory",
    /// "processes", "cpu", "file size", "output cap", "timeout"); <see langword="null"/> when none was hit.
    /// </summary>
    public string? Containment { get; init; }

    /// <summary>
    /// Something the user must know about how the command ran, e.g. that untrusted code ran without a
    /// sandbox or that environment variables were withheld from it; <see langword="null"/> when nothing.
    /// </summary>
    public string? Warning { get; init; }

    public bool Succeeded => ExitCode == 0 && !TimedOut && StartError is null;
}
