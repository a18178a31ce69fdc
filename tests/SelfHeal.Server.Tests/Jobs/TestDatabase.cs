using Npgsql;
using SelfHeal.Tests.Support;

namespace SelfHeal.Server.Tests.Jobs;

/// <summary>A database of its own on the test PostgreSQL server (<c>SELFHEAL_TEST_POSTGRES</c>), dropped at the end.</summary>
internal sealed class TestDatabase : IDisposable
{
    private readonly string _server = Requires.Postgres();
    private readonly string _name = $"selfheal_test_{Guid.NewGuid():N}";

    public TestDatabase()
    {
        using var admin = new NpgsqlConnection(_server);
        admin.Open();
        using var create = new NpgsqlCommand($"CREATE DATABASE {_name}", admin);
        create.ExecuteNonQuery();
    }

    public string ConnectionString => new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ConnectionString;

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        using var admin = new NpgsqlConnection(_server);
        admin.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", admin);
        drop.ExecuteNonQuery();
    }
}
