namespace SelfHeal.Benchmarks;

/// <summary>What one instance's <c>fix</c> run achieved.</summary>
/// <param name="Id">The instance.</param>
/// <param name="Status">The run's end: <c>completed</c>, <c>inconclusive</c>, <c>failed</c>, or <c>error</c> when the instance could not be set up.</param>
public sealed record BenchResult(string Id, string Status)
{
    /// <summary>A fix passed every validation layer and was committed.</summary>
    public bool Plausible { get; init; }

    /// <summary>The instance gives its true fix, so correctness can be scored.</summary>
    public bool HasTrueFix { get; init; }

    /// <summary>The chosen fix has the true fix's effect; <see langword="null"/> when the instance gives no true fix or no fix was found.</summary>
    public bool? Correct { get; init; }

    /// <summary>Every FAIL_TO_PASS test the instance lists is among the tests the fix made pass; <see langword="null"/> when none are listed or no fix was found.</summary>
    public bool? FailToPassFixed { get; init; }

    /// <summary>Candidates validated (policy review and tests).</summary>
    public int Validated { get; init; }

    /// <summary>Candidates the engines generated.</summary>
    public int Generated { get; init; }

    /// <summary>Candidates rejected before any test ran.</summary>
    public int RejectedInMemory { get; init; }

    /// <summary>Wall-clock seconds of the <c>fix</c> run.</summary>
    public double Seconds { get; init; }

    /// <summary>Seconds of one plain run of the instance's tests, measured in the same benchmark (with <c>--baseline</c>).</summary>
    public double? BaselineSeconds { get; init; }

    /// <summary><see cref="Seconds"/> ÷ <see cref="BaselineSeconds"/>.</summary>
    public double? Ratio => BaselineSeconds is > 0 ? Seconds / BaselineSeconds : null;

    /// <summary>The run, for <c>selfheal runs show</c>.</summary>
    public string? RunId { get; init; }

    /// <summary>The chosen patch (unified diff), when one was found.</summary>
    public string? Patch { get; init; }

    /// <summary>What the chosen patch does, in words.</summary>
    public string? FixDescription { get; init; }

    /// <summary>Why the run ended without a fix, or why the instance could not be set up.</summary>
    public string? Reason { get; init; }
}

/// <summary>Totals and medians over a benchmark's results.</summary>
public sealed record BenchSummary(
    int Instances,
    int Plausible,
    int Correct,
    int WithTrueFix,
    int Errors,
    double? MedianSeconds,
    double? MedianRatio,
    int Validated,
    int Generated,
    int RejectedInMemory,
    double TotalSeconds)
{
    /// <summary>Share of generated candidates rejected before any test ran.</summary>
    public double? RejectedInMemoryShare => Generated > 0 ? (double)RejectedInMemory / Generated : null;

    /// <summary>Candidates validated with tests per minute of benchmark time.</summary>
    public double? ValidatedPerMinute => TotalSeconds > 0 ? Validated / (TotalSeconds / 60) : null;

    public static BenchSummary Of(IReadOnlyList<BenchResult> results) => new(
        results.Count,
        results.Count(r => r.Plausible),
        results.Count(r => r.Correct == true),
        results.Count(r => r.HasTrueFix),
        results.Count(r => r.Status == "error"),
        Median(results.Where(r => r.Plausible).Select(r => r.Seconds)),
        Median(results.Where(r => r.Plausible && r.Ratio is not null).Select(r => r.Ratio!.Value)),
        results.Sum(r => r.Validated),
        results.Sum(r => r.Generated),
        results.Sum(r => r.RejectedInMemory),
        results.Sum(r => r.Seconds));

    private static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? null
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
            : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
