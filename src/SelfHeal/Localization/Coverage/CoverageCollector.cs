using Microsoft.Extensions.Options;
using SelfHeal.Coverage;
using SelfHeal.Testing;

namespace SelfHeal.Localization.Coverage;

/// <summary>
/// Collects the coverage spectrum of a reproduced failure as cheaply as the ecosystem allows. Goal: the whole
/// diagnosis (reproduce + localize) costs at most about two runs of the suite.
/// <list type="bullet">
/// <item>A runner listed in <see cref="LocalizeOptions.PerTestCoverageRunners"/> (pytest) gives one slice per test:
/// one run of every test yields failing and passing slices at once, so Ochiai sees the full spectrum.</item>
/// <item>Any other runner (dotnet with coverlet) gives one slice per run: filtered runs, all with <c>NoBuild</c>
/// since reproduce already built. The failing tests alone (<c>Only</c> = the failing ids) give the failing slice, taken
/// from reproduce's rerun when it left it in the <see cref="CoverageRunMemo"/>; every other test (<c>otherTestIds</c>,
/// the tests found in source minus the failing ones, see <see cref="TestCatalog"/>) is run in up to
/// <see cref="LocalizeOptions.PassingCoverageRuns"/> groups of whole test classes (<see cref="TestGroups"/>), one
/// passing slice each, so together they cost about one run of the suite plus a test host start per group. Without other ids
/// only the failing run happens and Ochiai degrades to "executed by a failing test", which the other signals rank within.</item>
/// <item>When that failing run turns out to have one slice per test (a runner not listed but able to), every test is
/// run once more for the full spectrum.</item>
/// </list>
/// A runner that returns no coverage is skipped: the other signals go on without it. Stateless and thread-safe.
/// </summary>
internal sealed class CoverageCollector(ITestRunnerResolver resolver, IOptions<LocalizeOptions> options, CoverageRunMemo? memo = null)
{
    private readonly LocalizeOptions _options = options.Value;

    public async Task<CoverageCollection> CollectAsync(string workspacePath, string? testCommand, IReadOnlyList<string> failingTestIds, IReadOnlyList<string> otherTestIds, CancellationToken cancellationToken = default)
    {
        if (failingTestIds.Count == 0)
        {
            return CoverageCollection.None("no reproduced failure to collect coverage for");
        }
        var runner = resolver.Resolve(workspacePath, testCommand);
        if (runner is null)
        {
            return CoverageCollection.None("no test runner recognises the repository; no coverage");
        }
        var runs = new List<TestRunResult>();
        if (_options.PerTestCoverageRunners.Contains(runner.Name, StringComparer.OrdinalIgnoreCase))
        {
            var all = await RunAsync(runner, workspacePath, testCommand, [], runs, cancellationToken).ConfigureAwait(false);
            return Build(runs, PerTest(all, failingTestIds), runner.Name);
        }

        var failing = Remembered(memo, workspacePath, testCommand, failingTestIds)
            ?? await RunAsync(runner, workspacePath, testCommand, failingTestIds, runs, cancellationToken).ConfigureAwait(false);
        if (failing is null)
        {
            return Build(runs, [], runner.Name);
        }
        if (failing.Slices.Count > 1 && failing.Slices.All(s => s.TestIds.Count == 1))
        {
            var all = await RunAsync(runner, workspacePath, testCommand, [], runs, cancellationToken).ConfigureAwait(false);
            var spectrum = PerTest(all, failingTestIds);
            if (spectrum.Any(s => s.Failing))
            {
                return Build(runs, spectrum, runner.Name);
            }
        }
        // Every slice of a run restricted to the failing tests is a failing slice, and of one restricted to the others a passing one.
        List<SpectrumSlice> slices = [.. failing.Slices.Select(s => new SpectrumSlice(s.Lines, Failing: true, s.TestIds))];
        var others = otherTestIds.Where(id => !failingTestIds.Any(f => TestIds.Same(id, f))).ToList();
        foreach (var group in TestGroups.ByClass(others, _options.PassingCoverageRuns))
        {
            if (await RunAsync(runner, workspacePath, testCommand, group, runs, cancellationToken).ConfigureAwait(false) is { } passing)
            {
                slices.AddRange(passing.Slices.Select(s => new SpectrumSlice(s.Lines, Failing: false, s.TestIds)));
            }
        }
        return Build(runs, slices, runner.Name);
    }

    /// <summary>The coverage of exactly these tests that an earlier stage already recorded (see <see cref="CoverageRunMemo"/>).</summary>
    private static CoverageReport? Remembered(CoverageRunMemo? memo, string workspacePath, string? testCommand, IReadOnlyList<string> testIds) =>
        memo?.Take(workspacePath, testCommand, testIds) is { Problem: null, Coverage: { Slices.Count: > 0 } coverage } ? coverage : null;

    private async Task<CoverageReport?> RunAsync(ITestRunner runner, string workspacePath, string? testCommand, IReadOnlyList<string> only, List<TestRunResult> runs, CancellationToken cancellationToken)
    {
        var request = new TestRunRequest(workspacePath)
        {
            Command = testCommand,
            Only = only,
            CollectCoverage = true,
            NoBuild = true,
            Timeout = _options.CoverageTimeout,
        };
        var result = await runner.RunAsync(request, cancellationToken).ConfigureAwait(false);
        runs.Add(result);
        return result.Coverage is { Slices.Count: > 0 } coverage ? coverage : null;
    }

    private static List<SpectrumSlice> PerTest(CoverageReport? report, IReadOnlyList<string> failingTestIds) =>
        report is null
            ? []
            : [.. report.Slices.Select(s => new SpectrumSlice(s.Lines, s.TestIds.Any(id => failingTestIds.Any(f => TestIds.Same(id, f))), s.TestIds))];

    private static CoverageCollection Build(List<TestRunResult> runs, List<SpectrumSlice> spectrum, string runner)
    {
        string? note = null;
        if (spectrum.Count == 0)
        {
            note = runs.LastOrDefault()?.Problem is { } problem
                ? $"coverage run failed ({problem}); no spectrum"
                : $"the {runner} runner gave no coverage; no spectrum";
        }
        else if (!spectrum.Any(s => s.Failing))
        {
            note = "no coverage slice names a reproduced failure; no spectrum";
            spectrum = [];
        }
        return new CoverageCollection(spectrum, runs, note);
    }
}

/// <summary>The spectrum collected, the test runs it took (for the run record) and, when it is empty, why.</summary>
internal sealed record CoverageCollection(IReadOnlyList<SpectrumSlice> Spectrum, IReadOnlyList<TestRunResult> Runs, string? Note)
{
    public static CoverageCollection None(string note) => new([], [], note);
}
