using SelfHeal.Coverage;

namespace SelfHeal.Testing;

/// <summary>
/// The result of one test command. A red suite, a build error or a missing tool is a value here,
/// never an exception: <see cref="Problem"/> says what stopped the run from producing results.
/// </summary>
/// <param name="Runner">The runner's name (<c>dotnet</c>, <c>pytest</c>, ...).</param>
/// <param name="Command">The command as run, for reports.</param>
/// <param name="ExitCode">The command's exit code.</param>
/// <param name="Tests">Every test the result files reported.</param>
/// <param name="Output">The command's combined output (capped).</param>
/// <param name="Duration">Wall-clock time of the command.</param>
public sealed record TestRunResult(string Runner, string Command, int ExitCode, IReadOnlyList<TestOutcome> Tests, string Output, TimeSpan Duration)
{
    /// <summary>Why the run produced no usable results (build failed, command not found, timed out), or <see langword="null"/>.</summary>
    public string? Problem { get; init; }

    public bool TimedOut { get; init; }

    /// <summary>Line coverage, present when it was asked for and the ecosystem supports it.</summary>
    public CoverageReport? Coverage { get; init; }

    /// <summary>Things worth knowing that did not stop the run (coverage unavailable, a selection the tool could not apply).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public IEnumerable<TestOutcome> Failures => Tests.Where(t => t.IsFailure);

    public int Passed => Tests.Count(t => t.Status == TestStatus.Passed);

    public int Failed => Tests.Count(t => t.IsFailure);

    public int Skipped => Tests.Count(t => t.Status == TestStatus.Skipped);
}
