using System.ComponentModel.DataAnnotations;

namespace SelfHeal.Reproduction;

/// <summary>How the Reproduce stage runs the tests.</summary>
public sealed class ReproduceOptions
{
    /// <summary>Wall-clock limit of one test run. Default 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan TestTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Re-run failing tests once to tell flaky tests from the bug. Default on.</summary>
    public bool RerunFailures { get; set; } = true;

    /// <summary>At most this many failing tests are re-run and kept as evidence. Default 20.</summary>
    [Range(1, 1000)]
    public int MaxFailures { get; set; } = 20;
}
