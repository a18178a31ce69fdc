using System.Data.Common;
using Microsoft.Extensions.Options;
using SelfHeal.Runs.Sqlite;
using SelfHeal.Storage;

namespace SelfHeal.Server.Auth;

/// <summary>API keys in the run database's SQLite file (<see cref="DbApiKeyStore"/>).</summary>
internal sealed class SqliteApiKeyStore : DbApiKeyStore
{
    private static readonly IReadOnlyList<SchemaMigration> Migrations =
    [
        new(1, """
            CREATE TABLE api_keys (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                role TEXT NOT NULL,
                hash TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                revoked_at INTEGER
            );
            """),
    ];

    private readonly SqliteDatabase _database;

    public SqliteApiKeyStore(IOptions<SqliteRunStoreOptions> options, TimeProvider timeProvider)
        : base(timeProvider)
    {
        _database = new SqliteDatabase(options.Value.DatabasePath, "api_keys", Migrations);
    }

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
}
