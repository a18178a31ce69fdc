using Microsoft.Data.Sqlite;

namespace SelfHeal.Storage;

/// <summary>
/// One SQLite file in WAL mode with <c>synchronous=FULL</c>, shared by several components. Each component has its
/// own list of <see cref="SchemaMigration"/>s, recorded in <c>schema_migrations</c> and applied once on the first
/// connection, so components never fight over <c>PRAGMA user_version</c>. Thread-safe.
/// </summary>
internal sealed class SqliteDatabase
{
    private readonly string _connectionString;
    private readonly string _component;
    private readonly IReadOnlyList<SchemaMigration> _migrations;
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private volatile bool _initialized;

    public SqliteDatabase(string path, string component, IReadOnlyList<SchemaMigration> migrations)
    {
        Path = System.IO.Path.GetFullPath(path);
        _component = component;
        _migrations = migrations;
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

    /// <summary>An open connection with the per-connection settings applied and the component's schema current.</summary>
    /// <exception cref="InvalidOperationException">The database holds a newer schema of the component than this build knows.</exception>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (!_initialized)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        }
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;", cancellationToken).ConfigureAwait(false);
            if (!_initialized)
            {
                await MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await _initGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }
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
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
            var current = await connection.ScalarAsync(transaction, "SELECT MAX(version) FROM schema_migrations WHERE component = $c", cancellationToken, ("$c", _component)).ConfigureAwait(false) as long? ?? 0;
            var latest = _migrations.Count == 0 ? 0 : _migrations.Max(m => m.Version);
            if (current > latest)
            {
                throw new InvalidOperationException($"The database '{Path}' holds a newer {_component} schema ({current}) than this SelfHeal knows ({latest}); upgrade SelfHeal or use another --db.");
            }
            foreach (var migration in _migrations.Where(m => m.Version > current).OrderBy(m => m.Version))
            {
                await connection.ExecuteAsync(transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
                await connection.ExecuteAsync(transaction, "INSERT INTO schema_migrations (component, version, applied_at) VALUES ($c, $v, $at)", cancellationToken,
                    ("$c", _component), ("$v", migration.Version), ("$at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())).ConfigureAwait(false);
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _initialized = true;
        }
        finally
        {
            _initGate.Release();
        }
    }
}
