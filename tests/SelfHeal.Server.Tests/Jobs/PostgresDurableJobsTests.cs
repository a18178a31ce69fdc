using Npgsql;

namespace SelfHeal.Server.Tests.Jobs;

/// <summary>The durable job store on PostgreSQL, clustered: the store many workers share.</summary>
public sealed class PostgresDurableJobsTests : DurableJobsContractTests
{
    private readonly TestDatabase _database = new();

    protected override Dictionary<string, string?> StoreSettings() => new()
    {
        ["SelfHeal:DatabasePath"] = Folder.Combine("selfheal.db"),
        ["SelfHeal:PostgresConnectionString"] = _database.ConnectionString,
    };

    protected override async Task<long> MigrationsAsync(string component)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM schema_migrations WHERE component = @c", connection);
        command.Parameters.AddWithValue("c", component);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public override void Dispose()
    {
        _database.Dispose();
        base.Dispose();
    }
}
