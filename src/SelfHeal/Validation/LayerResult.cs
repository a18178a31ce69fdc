using SelfHeal.Runs;
using SelfHeal.Security;

namespace SelfHeal.Validation;

/// <summary>The evidence one layer left: what ran, how it ended, how long it took, and the details.</summary>
/// <param name="Layer">The layer's <see cref="IValidationLayer.Name"/>.</param>
/// <param name="Summary">One line a person reads: "2 previously failing tests pass".</param>
public sealed record LayerResult(string Layer, LayerOutcome Outcome, TimeSpan Duration, string Summary)
{
    /// <summary>The command that ran, as a person would type it, when the layer ran one.</summary>
    public string? Command { get; init; }

    /// <summary>For a failed layer: how far the candidate got, in the terms of <see cref="CandidateVerdict"/>.</summary>
    public CandidateVerdict? Verdict { get; init; }

    /// <summary>Further lines of evidence: compiler diagnostics, the tests that still fail, a command's last output lines.</summary>
    public IReadOnlyList<string> Details { get; init; } = [];

    /// <summary>Test counts before the candidate (the reproduction run) and with it, for the test layers.</summary>
    public TestCounts? TestsBefore { get; init; }

    /// <inheritdoc cref="TestsBefore"/>
    public TestCounts? TestsAfter { get; init; }

    /// <summary>The security scan's findings, blocking and advisory.</summary>
    public IReadOnlyList<SecurityFinding> Findings { get; init; } = [];

    /// <summary>The factor by which advisory findings lower confidence (1: no effect), for the security scan.</summary>
    public double? ConfidenceFactor { get; init; }

    /// <summary>The base commit's and the candidate's figures, for the performance layer.</summary>
    public PerformanceComparison? Performance { get; init; }

    public bool Failed => Outcome == LayerOutcome.Failed;
}

/// <summary>How many tests passed, failed and were skipped in one run.</summary>
public sealed record TestCounts(int Passed, int Failed, int Skipped)
{
    public int Total => Passed + Failed + Skipped;

    public override string ToString() => $"{Passed} passed, {Failed} failed, {Skipped} skipped";
}

/// <summary>A performance figure of the base commit against the candidate's.</summary>
/// <param name="RegressionPercent">How much worse the candidate is, in percent of the base figure (negative: better).</param>
/// <param name="MaxRegressionPercent">The policy's limit.</param>
public sealed record PerformanceComparison(double Base, double Candidate, double RegressionPercent, double MaxRegressionPercent, bool HigherIsBetter);
