using System.Data.Common;
using Npgsql;

namespace SelfHeal.Storage;

/// <summary>
/// One PostgreSQL database shared by several components, each with its own numbered schema steps recorded in
/// <c>schema_migrations</c> (as <see cref="SqliteDatabase"/> does on SQLite). Steps are applied on the first
/// connection, in one transaction under an advisory lock, so processes starting together apply each step once.
/// Thread-safe.
/// </summary>
internal sealed class PostgresDatabase : MigratedDatabase<NpgsqlConnection>, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresDatabase(string connectionString, string component, IReadOnlyList<SchemaMigration> migrations)
        : base(component, migrations)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        DisposeGate();
    }

    protected override async Task<NpgsqlConnection> ConnectAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override async Task<DbTransaction> BeginMigrationAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended('selfheal\nschema_migrations', 0))", cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    component text NOT NULL,
                    version integer NOT NULL,
                    applied_at bigint NOT NULL,
                    PRIMARY KEY (component, version)
                )
                """, cancellationToken).ConfigureAwait(false);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    protected override string NewerSchemaMessage(long current, int latest) =>
        $"The PostgreSQL database holds a newer {Component} schema ({current}) than this SelfHeal knows ({latest}); upgrade SelfHeal.";
}
