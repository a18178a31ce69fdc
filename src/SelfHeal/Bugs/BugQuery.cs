using SelfHeal.Reports;

namespace SelfHeal.Bugs;

/// <summary>A filter over bugs. Unset filters match everything.</summary>
public sealed record BugQuery
{
    public const int MaxLimit = 500;

    public BugStatus? Status { get; init; }

    /// <summary>Bugs at least this severe.</summary>
    public BugSeverity? MinSeverity { get; init; }

    /// <summary>Bugs that this channel reported (first or later).</summary>
    public string? Source { get; init; }

    public string? Repository { get; init; }

    public string? Fingerprint { get; init; }

    /// <summary>Bugs whose title contains this text (case-insensitive for ASCII).</summary>
    public string? Text { get; init; }

    /// <summary>How many to return, 1 to <see cref="MaxLimit"/>; default 50.</summary>
    public int Limit { get; init; } = 50;

    /// <summary>How many to skip, for paging.</summary>
    public int Offset { get; init; }
}
