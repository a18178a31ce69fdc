using System.ComponentModel.DataAnnotations;

namespace SelfHeal.Runs.Sqlite;

/// <summary>Where the embedded run store keeps its database.</summary>
public sealed class SqliteRunStoreOptions
{
    /// <summary>Path of the database file; created with its folder when missing. Default: <c>selfheal.db</c> in the per-user data folder.</summary>
    [Required]
    public string DatabasePath { get; set; } = Path.Combine(SelfHealPaths.DataDirectory, "selfheal.db");
}
