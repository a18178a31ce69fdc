using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using SelfHeal.Bugs.Postgres;
using SelfHeal.Server.Auth;
using SelfHeal.Tests.Support;

namespace SelfHeal.Server.Tests;

/// <summary>The server with its bugs and API keys in PostgreSQL (<c>SelfHeal:PostgresConnectionString</c>), on its own database.</summary>
public sealed class PostgresServerTests : IDisposable
{
    private readonly string _server = Requires.Postgres();
    private readonly string _database = $"selfheal_server_{Guid.NewGuid():N}";
    private readonly ServerFactory _factory;

    public PostgresServerTests()
    {
        using (var admin = new NpgsqlConnection(_server))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", admin);
            create.ExecuteNonQuery();
        }
        _factory = new ServerFactory(new Dictionary<string, string?> { ["SelfHeal:PostgresConnectionString"] = ConnectionString });
    }

    private string ConnectionString => new NpgsqlConnectionStringBuilder(_server) { Database = _database }.ConnectionString;

    [Fact]
    public async Task Webhook_And_Api_StoreBugsAndKeysInPostgres()
    {
        var client = _factory.CreateClient();
        var delivery = await Problem.JsonAsync(await client.SendAsync(Deliveries.GitHub("issues", Deliveries.Payload("github/issues-opened.json"), "pg-1")), HttpStatusCode.Accepted);
        var replay = await Problem.JsonAsync(await client.SendAsync(Deliveries.GitHub("issues", Deliveries.Payload("github/issues-opened.json"), "pg-1")), HttpStatusCode.OK);
        Assert.Equal("duplicate", replay.GetProperty("status").GetString());

        var key = await _factory.CreateKeyAsync(ApiKeyRole.Approver);
        var api = _factory.CreateClient(key);
        await Problem.JsonAsync(await api.PostAsJsonAsync("/api/v1/bugs", new { title = "Submitted to the shared database" }), HttpStatusCode.Created);
        var list = await Problem.JsonAsync(await api.GetAsync("/api/v1/bugs"), HttpStatusCode.OK);
        Assert.Equal(2, list.GetProperty("bugs").GetArrayLength());

        // Another process over the same database (a second server, a worker) sees the same bugs.
        await using var other = new PostgresBugStore(Options.Create(new PostgresBugStoreOptions { ConnectionString = ConnectionString }), TimeProvider.System);
        Assert.NotNull(await other.GetAsync(delivery.GetProperty("bugs")[0].GetProperty("bugId").GetString()!));
        Assert.False(File.Exists(_factory.DatabasePath) && new FileInfo(_factory.DatabasePath).Length > 0 && HasBugsTable(_factory.DatabasePath));
    }

    private static bool HasBugsTable(string path)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'bugs'";
        return (long)command.ExecuteScalar()! > 0;
    }

    public void Dispose()
    {
        _factory.Dispose();
        NpgsqlConnection.ClearAllPools();
        using var admin = new NpgsqlConnection(_server);
        admin.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", admin);
        drop.ExecuteNonQuery();
    }
}
