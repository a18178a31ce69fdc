namespace SelfHeal.Policy;

/// <summary>
/// The optional validation commands a repository asks for in the <c>validation:</c> section of its
/// <c>.selfheal.yml</c>. They run the repository's own code, like its tests.
/// </summary>
/// <param name="Performance">A benchmark whose figure must not get worse than the policy allows, or <see langword="null"/>.</param>
/// <param name="EndToEnd">A command that must succeed with the candidate, or <see langword="null"/>.</param>
public sealed record ValidationPolicy(PerformanceCheck? Performance, EndToEndCheck? EndToEnd)
{
    public static readonly ValidationPolicy None = new(null, null);
}

/// <summary>A performance command and how to read and judge its figure.</summary>
/// <param name="Command">Run through <c>/bin/sh -c</c> at the repository root.</param>
/// <param name="Metric">A regular expression whose first group (or group <c>value</c>) captures the figure in the output.</param>
/// <param name="MaxRegressionPercent">How much worse than the base commit's figure the candidate's may be, in percent.</param>
/// <param name="HigherIsBetter">Whether a higher figure is better (throughput); default lower is better (time).</param>
/// <param name="Timeout">Wall-clock limit of one run of the command.</param>
public sealed record PerformanceCheck(string Command, string Metric, double MaxRegressionPercent, bool HigherIsBetter, TimeSpan Timeout);

/// <summary>An end-to-end command: exit code 0 passes.</summary>
public sealed record EndToEndCheck(string Command, TimeSpan Timeout);
