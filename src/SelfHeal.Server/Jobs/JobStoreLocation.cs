namespace SelfHeal.Server.Jobs;

/// <summary>Where the scheduler keeps its jobs: an SQLite file for one process, or the shared PostgreSQL database of a cluster.</summary>
/// <param name="SqlitePath">The SQLite file, when <paramref name="PostgresConnectionString"/> is not set.</param>
/// <param name="PostgresConnectionString">The shared database: every process on it is one cluster.</param>
public sealed record JobStoreLocation(string? SqlitePath, string? PostgresConnectionString)
{
    /// <summary>Whether the store is PostgreSQL, shared by a cluster of processes.</summary>
    public bool IsClustered => PostgresConnectionString is not null;
}
