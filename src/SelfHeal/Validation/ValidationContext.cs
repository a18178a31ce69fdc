using SelfHeal.Patches;
using SelfHeal.Policy;
using SelfHeal.Repair;
using SelfHeal.Testing;

namespace SelfHeal.Validation;

/// <summary>
/// Everything the layers need to check one candidate, and what earlier layers leave for later ones.
/// Created by <see cref="CandidateValidator"/> for one candidate; not thread-safe.
/// </summary>
public sealed class ValidationContext
{
    private readonly List<Func<CancellationToken, Task>> _cleanups = [];

    /// <param name="request">What to validate against.</param>
    /// <param name="candidate">The candidate.</param>
    /// <param name="diff">The candidate's unified diff (computed in memory from the unedited files).</param>
    /// <param name="patch">The same diff, parsed.</param>
    public ValidationContext(ValidationRequest request, CandidatePatch candidate, string diff, PatchDocument patch)
    {
        ArgumentNullException.ThrowIfNull(request);
        Request = request;
        Candidate = candidate;
        Diff = diff;
        Patch = patch;
    }

    public ValidationRequest Request { get; }

    public CandidatePatch Candidate { get; }

    public string Diff { get; }

    public PatchDocument Patch { get; }

    public string WorkspacePath => Request.WorkspacePath;

    /// <summary>Set by the compile layer when the candidate's build outputs are in place: the tests need no rebuild.</summary>
    public bool Prebuilt { get; set; }

    /// <summary>Set by the targeted-tests layer: how many reproduced failures pass.</summary>
    public int FixedTests { get; set; }

    /// <summary>Registers work to undo after the last layer (restoring build outputs), whatever happened. Run last registered first.</summary>
    public void OnCleanup(Func<CancellationToken, Task> cleanup) => _cleanups.Add(cleanup);

    internal async Task CleanupAsync(CancellationToken cancellationToken)
    {
        for (var i = _cleanups.Count - 1; i >= 0; i--)
        {
            await _cleanups[i](cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>What candidates of one run are validated against; the same for every candidate.</summary>
/// <param name="Runner">The repository's test runner.</param>
/// <param name="WorkspacePath">The run's worktree.</param>
/// <param name="TestCommand">A user-given test command, or <see langword="null"/>.</param>
/// <param name="FailingTests">The reproduced failures: each must pass.</param>
/// <param name="FlakyTests">Tests known to be flaky: their failures are not held against a candidate.</param>
/// <param name="Baseline">The reproduction run's counts: fewer tests now means tests were lost.</param>
/// <param name="TestTimeout">Wall-clock limit of one test run.</param>
public sealed record ValidationRequest(
    ITestRunner Runner, string WorkspacePath, string? TestCommand, IReadOnlyList<string> FailingTests,
    IReadOnlySet<string> FlakyTests, TestCounts Baseline, TimeSpan TestTimeout)
{
    /// <summary>The repository's optional performance and end-to-end commands. Default: none.</summary>
    public ValidationPolicy Policy { get; init; } = ValidationPolicy.None;

    /// <summary>The base commit's performance figure, measured once per run, when <see cref="Policy"/> has a performance check.</summary>
    public PerformanceMeasurement? PerformanceBaseline { get; init; }
}
