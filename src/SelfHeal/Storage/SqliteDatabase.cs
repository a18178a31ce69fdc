using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace SelfHeal.Storage;

/// <summary>
/// One SQLite file in WAL mode with <c>synchronous=FULL</c>, shared by several components. Each component has its
/// own list of <see cref="SchemaMigration"/>s, recorded in <c>schema_migrations</c> and applied once on the first
/// connection, so components never fight over <c>PRAGMA user_version</c>. Thread-safe.
/// </summary>
internal sealed class SqliteDatabase : MigratedDatabase<SqliteConnection>
{
    private readonly string _connectionString;

    public SqliteDatabase(string path, string component, IReadOnlyList<SchemaMigration> migrations)
        : base(component, migrations)
    {
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    protected override Task<SqliteConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        if (!Initialized)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        }
        return Task.FromResult(new SqliteConnection(_connectionString));
    }

    /// <summary>Opens the connection and applies the per-connection settings.</summary>
    protected override async Task PrepareAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;", cancellationToken).ConfigureAwait(false);
    }

    protected override async Task<DbTransaction> BeginMigrationAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync("""
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS schema_migrations (
                component TEXT NOT NULL,
                version INTEGER NOT NULL,
                applied_at INTEGER NOT NULL,
                PRIMARY KEY (component, version)
            );
            """, cancellationToken).ConfigureAwait(false);
        // BEGIN IMMEDIATE: two processes starting together apply each step once.
        return await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
    }

    protected override string NewerSchemaMessage(long current, int latest) =>
        $"The database '{Path}' holds a newer {Component} schema ({current}) than this SelfHeal knows ({latest}); upgrade SelfHeal or use another --db.";
}
