using System.ComponentModel.DataAnnotations;

namespace SelfHeal.Localization;

/// <summary>
/// How the localize stage ranks suspects. A suspect's score is the weighted sum of its signals, each signal
/// first normalized to [0, 1] by its strongest hit in the run, divided by the sum of the weights; suspects in
/// test files are then multiplied by <see cref="TestFileFactor"/>. A weight of 0 turns its signal off.
/// </summary>
public sealed class LocalizeOptions
{
    /// <summary>How many suspects the stage records. Default 10.</summary>
    [Range(1, 100)]
    public int MaxSuspects { get; set; } = 10;

    /// <summary>Run the tests again with coverage for spectrum-based localization (<c>sbfl</c>). Default <see langword="true"/>.</summary>
    public bool UseCoverage { get; set; } = true;

    /// <summary>Weight of the stack frames of the reproduced failures and the report's log. Default 0.30.</summary>
    [Range(0.0, 1.0)]
    public double StackWeight { get; set; } = 0.30;

    /// <summary>Weight of spectrum-based fault localization (Ochiai over coverage slices). Default 0.30.</summary>
    [Range(0.0, 1.0)]
    public double SbflWeight { get; set; } = 0.30;

    /// <summary>Weight of BM25 retrieval of the report's words against the code. Default 0.20.</summary>
    [Range(0.0, 1.0)]
    public double TextWeight { get; set; } = 0.20;

    /// <summary>Weight of the code the failing tests call, read from their source; used only without per-test coverage. Default 0.10.</summary>
    [Range(0.0, 1.0)]
    public double ReachWeight { get; set; } = 0.10;

    /// <summary>Weight of recent changes (git blame) in the files already suspected. Default 0.10.</summary>
    [Range(0.0, 1.0)]
    public double HistoryWeight { get; set; } = 0.10;

    /// <summary>
    /// Weight of the statement-kind prior (conditions and computed values over scaffolding), applied only to
    /// statements other signals suspect, to break near-ties. Default 0.06.
    /// </summary>
    [Range(0.0, 1.0)]
    public double ShapeWeight { get; set; } = 0.06;

    /// <summary>How much each deeper project frame counts relative to the one above it. Default 0.6.</summary>
    [Range(0.0, 1.0)]
    public double StackDecay { get; set; } = 0.6;

    /// <summary>Multiplier for suspects in test files: bugs are rarely in the tests. Default 0.25.</summary>
    [Range(0.0, 1.0)]
    public double TestFileFactor { get; set; } = 0.25;

    /// <summary>
    /// Runners whose coverage has one slice per test (pytest through coverage.py's dynamic contexts): one coverage run
    /// of every test gives the whole spectrum. Other runners give one slice per run and get one run of the failing tests.
    /// Default <c>["pytest", "ant", "maven"]</c> (JVM runs through SelfHeal's coverage agent, see <c>JavaCoverageAgent</c>).
    /// </summary>
    public IList<string> PerTestCoverageRunners { get; } = ["pytest", "ant", "maven"];

    /// <summary>
    /// For runners with one coverage slice per run: into how many runs (so passing slices) the tests other than the
    /// failing ones are split, whole test classes together. More slices let Ochiai tell code few passing tests execute
    /// from code they all do, at the price of a run each. Default 2.
    /// </summary>
    [Range(1, 20)]
    public int PassingCoverageRuns { get; set; } = 2;

    /// <summary>Wall-clock limit of one coverage run. Default 10 minutes.</summary>
    public TimeSpan CoverageTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Most source files indexed. Default 5000.</summary>
    [Range(1, 1_000_000)]
    public int MaxFiles { get; set; } = 5000;

    /// <summary>Larger files are not read (generated or minified code). Default 512 KiB.</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 512 * 1024;

    /// <summary>How many BM25 hits (functions) spread their score over their statements. Default 20.</summary>
    [Range(1, 1000)]
    public int TextChunks { get; set; } = 20;

    /// <summary>How many of the most suspected files get <c>git blame</c>d for the history signal. Default 10.</summary>
    [Range(0, 1000)]
    public int HistoryFiles { get; set; } = 10;
}
