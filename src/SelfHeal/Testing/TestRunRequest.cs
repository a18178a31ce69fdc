namespace SelfHeal.Testing;

/// <summary>What to run: where, which tests, and whether to record coverage.</summary>
/// <param name="WorkingDirectory">The workspace (repo root) to run in.</param>
public sealed record TestRunRequest(string WorkingDirectory)
{
    /// <summary>A user-given command (<c>--test "CMD"</c>) that replaces the runner's default, run through <c>/bin/sh -c</c>.</summary>
    public string? Command { get; init; }

    /// <summary>Run only these test ids; empty means every test.</summary>
    public IReadOnlyList<string> Only { get; init; } = [];

    /// <summary>Record per-test line coverage where the ecosystem supports it.</summary>
    public bool CollectCoverage { get; init; }

    /// <summary>Skip the build step when a previous run in the same workspace built it (dotnet <c>--no-build</c>).</summary>
    public bool NoBuild { get; init; }

    /// <summary>Wall-clock limit for the whole run. Default 10 minutes.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);
}
