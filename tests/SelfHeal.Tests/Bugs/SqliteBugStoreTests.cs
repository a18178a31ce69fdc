using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SelfHeal.Bugs;
using SelfHeal.Bugs.Sqlite;
using SelfHeal.Runs.Sqlite;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Bugs;

/// <summary>The bug-store contract on the embedded SQLite store, plus what only SQLite has (WAL, the shared file).</summary>
public sealed class SqliteBugStoreTests : BugStoreContractTests
{
    private readonly TempDirectory _folder = new("selfheal-bugs");

    private string DatabasePath => _folder.Combine("data", "selfheal.db");

    protected override IBugStore CreateStore() =>
        new SqliteBugStore(Options.Create(new SqliteRunStoreOptions { DatabasePath = DatabasePath }), Time);

    public override void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Open_NewFile_UsesWalAndRecordsItsMigration()
    {
        await CreateStore().ListAsync(new BugQuery());

        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
        command.CommandText = "SELECT MAX(version) FROM schema_migrations WHERE component = 'bugs'";
        Assert.Equal(2L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Open_SharedWithTheRunStore_BothWork()
    {
        var runs = new SqliteRunStore(Options.Create(new SqliteRunStoreOptions { DatabasePath = DatabasePath }), Time);
        await runs.AppendAsync("r1", new SelfHeal.Runs.RunCreated(new SelfHeal.Reports.BugReport("t"), new SelfHeal.Runs.RunTarget("/r", null, null, false)));

        var bug = await CreateStore().RecordAsync(new BugIntake(new SelfHeal.Reports.BugReport("shared file")));

        Assert.NotNull(await runs.GetAsync("r1"));
        Assert.NotNull(await CreateStore().GetAsync(bug.BugId));
    }

    [Fact]
    public async Task Open_NewerSchema_SaysToUpgrade()
    {
        await CreateStore().ListAsync(new BugQuery());
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_migrations (component, version, applied_at) VALUES ('bugs', 99, 0)";
            await command.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => CreateStore().ListAsync(new BugQuery()));

        Assert.Contains("newer bugs schema (99)", error.Message, StringComparison.Ordinal);
    }
}
