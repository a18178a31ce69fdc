using Microsoft.Data.Sqlite;

namespace SelfHeal.Server.Tests.Jobs;

/// <summary>The durable job store on SQLite: the scheduler of a single process, in <c>jobs.db</c> beside the run database.</summary>
public sealed class SqliteDurableJobsTests : DurableJobsContractTests
{
    private string JobsPath => Folder.Combine("jobs.db");

    protected override Dictionary<string, string?> StoreSettings() => new() { ["SelfHeal:DatabasePath"] = Folder.Combine("selfheal.db") };

    protected override async Task<long> MigrationsAsync(string component)
    {
        await using var connection = new SqliteConnection($"Data Source={JobsPath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM schema_migrations WHERE component = $c";
        command.Parameters.AddWithValue("$c", component);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public override void Dispose()
    {
        SqliteConnection.ClearAllPools();
        base.Dispose();
    }
}
