using System.ComponentModel.DataAnnotations;

namespace SelfHeal.Bugs.Postgres;

/// <summary>Where the shared bug store lives when many servers and workers use one PostgreSQL database.</summary>
public sealed class PostgresBugStoreOptions
{
    /// <summary>An Npgsql connection string (<c>Host=db;Database=selfheal;Username=selfheal;Password=...</c>).</summary>
    [Required]
    public string ConnectionString { get; set; } = "";
}
