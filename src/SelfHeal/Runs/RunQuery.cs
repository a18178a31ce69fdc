namespace SelfHeal.Runs;

/// <summary>A page of the run list, newest first; every filter left <see langword="null"/> matches all runs.</summary>
public sealed record RunQuery
{
    /// <summary>The largest page a query may ask for.</summary>
    public const int MaxLimit = 500;

    /// <summary>Only runs in this status.</summary>
    public RunStatus? Status { get; init; }

    /// <summary>Only the runs of this bug (see <see cref="RunCreated.BugId"/>).</summary>
    public string? BugId { get; init; }

    /// <summary>At most this many runs (1 to <see cref="MaxLimit"/>). Default 50.</summary>
    public int Limit { get; init; } = 50;

    /// <summary>Runs to skip, for paging. Default 0.</summary>
    public int Offset { get; init; }
}
