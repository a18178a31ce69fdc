using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SelfHeal.Runs;
using SelfHeal.Runs.Sqlite;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Runs;

/// <summary>The run-store contract on the embedded SQLite store, plus what only SQLite has (files from before migrations).</summary>
public sealed class SqliteRunStoreTests : RunStoreContractTests
{
    private readonly TempDirectory _dir = new();

    private string DatabasePath => _dir.Combine("nested", "runs.db");

    protected override IRunStore CreateStore() =>
        new SqliteRunStore(Options.Create(new SqliteRunStoreOptions { DatabasePath = DatabasePath }), Time);

    public override void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task Open_FileFromBeforeMigrations_KeepsItsRunsAndAddsTheBugColumn()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            // The schema the store wrote before it recorded schema_migrations (PRAGMA user_version = 1).
            command.CommandText = """
                CREATE TABLE runs (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, title TEXT NOT NULL, repository TEXT NOT NULL, status TEXT NOT NULL);
                CREATE TABLE events (run_id TEXT NOT NULL REFERENCES runs(id), seq INTEGER NOT NULL, at INTEGER NOT NULL, payload TEXT NOT NULL, PRIMARY KEY (run_id, seq)) WITHOUT ROWID;
                CREATE INDEX runs_created ON runs(created_at DESC);
                PRAGMA user_version = 1;
                INSERT INTO runs VALUES ('old', 0, 0, 'old bug', '/repo', 'Failed');
                """;
            await command.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();

        var store = CreateStore();
        await store.AppendAsync("new", Created() with { BugId = "b1" });

        var runs = await store.ListAsync(new RunQuery());
        Assert.Equal(["new", "old"], runs.Select(r => r.Id));
        Assert.Equal("b1", runs[0].BugId);
        Assert.Null(runs[1].BugId);
    }
}
