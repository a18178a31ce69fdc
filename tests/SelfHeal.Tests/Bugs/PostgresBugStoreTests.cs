using Microsoft.Extensions.Options;
using Npgsql;
using SelfHeal.Bugs;
using SelfHeal.Bugs.Postgres;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Bugs;

/// <summary>
/// The bug-store contract on PostgreSQL: each test gets its own database on the server named by
/// <c>SELFHEAL_TEST_POSTGRES</c> (<c>eval "$(tests/postgres.sh start)"</c> starts one; <c>./test.sh</c> does).
/// </summary>
public sealed class PostgresBugStoreTests : BugStoreContractTests
{
    private readonly string _server;
    private readonly string _database = $"selfheal_test_{Guid.NewGuid():N}";
    private readonly List<PostgresBugStore> _stores = [];

    public PostgresBugStoreTests()
    {
        _server = Requires.Postgres();
        using var admin = new NpgsqlConnection(_server);
        admin.Open();
        using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", admin);
        create.ExecuteNonQuery();
    }

    private string ConnectionString => new NpgsqlConnectionStringBuilder(_server) { Database = _database }.ConnectionString;

    protected override IBugStore CreateStore()
    {
        var store = new PostgresBugStore(Options.Create(new PostgresBugStoreOptions { ConnectionString = ConnectionString }), Time);
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
    public async Task Open_TwoStoresStartingTogether_ApplyTheSchemaOnce()
    {
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => CreateStore().ListAsync(new BugQuery()))));

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM schema_migrations WHERE component = 'bugs'", connection);
        Assert.Equal(2L, await command.ExecuteScalarAsync());
    }
}
