using System.ComponentModel.DataAnnotations;

namespace SelfHeal.Server.Jobs;

/// <summary>
/// The durable job scheduler (Quartz.NET's persistent job store), from the <c>Jobs</c> configuration section. Without
/// PostgreSQL it keeps its jobs in an SQLite file beside the run database; with PostgreSQL
/// (<c>SelfHeal:PostgresConnectionString</c>) it joins every server and worker sharing that database as one cluster.
/// </summary>
public sealed class JobsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Jobs";

    /// <summary>Heal jobs one process runs at once. Default 1: a heal runs a repository's whole test suite.</summary>
    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = 1;

    /// <summary>How often a clustered scheduler records that it is alive, in seconds. Default 15.</summary>
    [Range(0.1, 3600)]
    public double CheckinIntervalSeconds { get; set; } = 15;

    /// <summary>
    /// How long past a missed check-in the other schedulers wait before they treat a process as dead and recover its
    /// jobs, in seconds. Default 20.
    /// </summary>
    [Range(0.1, 3600)]
    public double CheckinMisfireThresholdSeconds { get; set; } = 20;

    /// <summary>
    /// How often open bugs without a heal job are looked for and given one, in seconds (a report stored while the
    /// scheduler was unreachable, or just before the process was killed). Default 60; the first look is at start.
    /// </summary>
    [Range(0.1, 86400)]
    public double SweepIntervalSeconds { get; set; } = 60;

    /// <summary>This process's name in the cluster; default: a unique name Quartz makes from the host name and time.</summary>
    public string? InstanceId { get; set; }

    /// <summary>The SQLite job file when PostgreSQL is not configured; default: <c>jobs.db</c> beside the run database.</summary>
    public string? SqlitePath { get; set; }
}
