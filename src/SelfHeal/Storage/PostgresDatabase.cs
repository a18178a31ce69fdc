using Npgsql;

namespace SelfHeal.Storage;

/// <summary>
/// One PostgreSQL database shared by several components, each with its own numbered schema steps recorded in
/// <c>schema_migrations</c> (as <see cref="SqliteDatabase"/> does on SQLite). Steps are applied on the first
/// connection, in one transaction under an advisory lock, so processes starting together apply each step once.
/// Thread-safe.
/// </summary>
internal sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _component;
    private readonly IReadOnlyList<SchemaMigration> _migrations;
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private volatile bool _initialized;

    public PostgresDatabase(string connectionString, string component, IReadOnlyList<SchemaMigration> migrations)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _component = component;
        _migrations = migrations;
    }

    /// <summary>An open connection with the component's schema current.</summary>
    /// <exception cref="InvalidOperationException">The database holds a newer schema of the component than this build knows.</exception>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
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

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _initGate.Dispose();
    }

    private async Task MigrateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await _initGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended('selfheal\nschema_migrations', 0))", cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    component text NOT NULL,
                    version integer NOT NULL,
                    applied_at bigint NOT NULL,
                    PRIMARY KEY (component, version)
                )
                """, cancellationToken).ConfigureAwait(false);
            var current = await connection.ScalarAsync("SELECT MAX(version) FROM schema_migrations WHERE component = @c", cancellationToken, ("c", _component)).ConfigureAwait(false) as int? ?? 0;
            var latest = _migrations.Count == 0 ? 0 : _migrations.Max(m => m.Version);
            if (current > latest)
            {
                throw new InvalidOperationException($"The PostgreSQL database holds a newer {_component} schema ({current}) than this SelfHeal knows ({latest}); upgrade SelfHeal.");
            }
            foreach (var migration in _migrations.Where(m => m.Version > current).OrderBy(m => m.Version))
            {
                await connection.ExecuteAsync(migration.Sql, cancellationToken).ConfigureAwait(false);
                await connection.ExecuteAsync("INSERT INTO schema_migrations (component, version, applied_at) VALUES (@c, @v, @at)", cancellationToken,
                    ("c", _component), ("v", migration.Version), ("at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())).ConfigureAwait(false);
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
