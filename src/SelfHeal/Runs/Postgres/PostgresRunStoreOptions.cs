using System.ComponentModel.DataAnnotations;

namespace SelfHeal.Runs.Postgres;

/// <summary>Where the shared run store lives when many servers and workers use one PostgreSQL database.</summary>
public sealed class PostgresRunStoreOptions
{
    /// <summary>An Npgsql connection string (<c>Host=db;Database=selfheal;Username=selfheal;Password=...</c>).</summary>
    [Required]
    public string ConnectionString { get; set; } = "";
}
