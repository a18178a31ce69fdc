using System.ComponentModel.DataAnnotations;

namespace SelfHeal.Repair;

/// <summary>Budgets and choices of the Repair stage.</summary>
public sealed class RepairOptions
{
    /// <summary>Wall-clock budget for generating and validating candidates. Default 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan TimeBudget { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>At most this many candidates are validated with tests. Default 200.</summary>
    [Range(1, 100_000)]
    public int MaxCandidates { get; set; } = 200;

    /// <summary>Stop after this many plausible patches (the best is chosen, the rest are alternatives). Default 3.</summary>
    [Range(1, 100)]
    public int MaxPlausible { get; set; } = 3;

    /// <summary>After the first plausible patch, validate at most this many more candidates looking for a better one. Default 10.</summary>
    [Range(0, 1000)]
    public int ExtraCandidatesAfterFirstFix { get; set; } = 10;

    /// <summary>When no single edit is plausible, pairs of the best this-many partial fixes at different places are tried. Default 6.</summary>
    [Range(0, 50)]
    public int PairPool { get; set; } = 6;

    /// <summary>Wall-clock limit of one test run during validation. Default 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan TestTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Whether candidates an <see cref="Validation.ICandidateBuilder"/> can build (C# ones, with <c>AddCSharpRepair()</c>)
    /// are compiled in memory over the earlier build's outputs and tested without a rebuild; others, and every
    /// candidate when false, are rebuilt by the test runner. Default true.
    /// </summary>
    public bool FastCSharpValidation { get; set; } = true;
}
