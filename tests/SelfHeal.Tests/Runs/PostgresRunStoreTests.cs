using Microsoft.Extensions.Options;
using Npgsql;
using SelfHeal.Runs;
using SelfHeal.Runs.Postgres;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Runs;

/// <summary>
/// The run-store contract on PostgreSQL: each test gets its own database on the server named by
/// <c>SELFHEAL_TEST_POSTGRES</c> (<c>eval "$(tests/postgres.sh start)"</c> starts one; <c>./test.sh</c> does).
/// </summary>
public sealed class PostgresRunStoreTests : RunStoreContractTests
{
    private readonly string _server;
    private readonly string _database = $"selfheal_test_{Guid.NewGuid():N}";
    private readonly List<PostgresRunStore> _stores = [];

    public PostgresRunStoreTests()
    {
        _server = Requires.Postgres();
        using var admin = new NpgsqlConnection(_server);
        admin.Open();
        using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", admin);
        create.ExecuteNonQuery();
    }

    private string ConnectionString => new NpgsqlConnectionStringBuilder(_server) { Database = _database }.ConnectionString;

    protected override IRunStore CreateStore()
    {
        var store = new PostgresRunStore(Options.Create(new PostgresRunStoreOptions { ConnectionString = ConnectionString }), Time);
        _stores.Add(store);
        return store;
    }

    public override void Dispose()
    {
        foreach (var store in _stores)
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        NpgsqlConnection.ClearAllPools();
        using var admin = new NpgsqlConnection(_server);
        admin.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", admin);
        drop.ExecuteNonQuery();
    }

    [Fact]
    public async Task Open_StoresStartingTogether_ApplyTheSchemaOnce()
    {
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => CreateStore().ListAsync(new RunQuery()))));

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM schema_migrations WHERE component = 'runs'", connection);
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }
}
