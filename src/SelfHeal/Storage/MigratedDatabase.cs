using System.Data.Common;

namespace SelfHeal.Storage;

/// <summary>
/// A database shared by several components, each with its own numbered <see cref="SchemaMigration"/>s recorded in
/// <c>schema_migrations</c>. The steps are applied on the first connection, in one transaction, once per instance
/// (later connections skip the check). A subclass opens connections and starts the migration transaction in its
/// database's way. Thread-safe.
/// </summary>
/// <typeparam name="TConnection">The provider's connection type.</typeparam>
internal abstract class MigratedDatabase<TConnection>
    where TConnection : DbConnection
{
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private volatile bool _initialized;

    protected MigratedDatabase(string component, IReadOnlyList<SchemaMigration> migrations)
    {
        Component = component;
        Migrations = migrations;
    }

    /// <summary>The component whose schema this instance keeps current.</summary>
    protected string Component { get; }

    /// <summary>The component's schema steps.</summary>
    protected IReadOnlyList<SchemaMigration> Migrations { get; }

    /// <summary>Whether this instance has already brought the component's schema up to date.</summary>
    protected bool Initialized => _initialized;

    /// <summary>An open connection with the component's schema current.</summary>
    /// <exception cref="InvalidOperationException">The database holds a newer schema of the component than this build knows.</exception>
    public async Task<TConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await PrepareAsync(connection, cancellationToken).ConfigureAwait(false);
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

    /// <summary>A new connection; <see cref="PrepareAsync"/> runs next, and the connection is disposed if that fails.</summary>
    protected abstract Task<TConnection> ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Opens or sets up <paramref name="connection"/> as the database needs; by default nothing.</summary>
    protected virtual Task PrepareAsync(TConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Makes sure <c>schema_migrations</c> exists and starts the transaction that applies the steps, exclusive of other processes.</summary>
    protected abstract Task<DbTransaction> BeginMigrationAsync(TConnection connection, CancellationToken cancellationToken);

    /// <summary>The message for a database whose schema of the component (<paramref name="current"/>) is newer than <paramref name="latest"/>.</summary>
    protected abstract string NewerSchemaMessage(long current, int latest);

    /// <summary>Releases the gate of the first migration.</summary>
    protected void DisposeGate() => _initGate.Dispose();

    private async Task MigrateAsync(TConnection connection, CancellationToken cancellationToken)
    {
        await _initGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }
            await using var transaction = await BeginMigrationAsync(connection, cancellationToken).ConfigureAwait(false);
            var current = await connection.ValueAsync(transaction, "SELECT MAX(version) FROM schema_migrations WHERE component = @c", cancellationToken,
                ("@c", Component)).ConfigureAwait(false) is { } version ? Convert.ToInt64(version, System.Globalization.CultureInfo.InvariantCulture) : 0;
            var latest = Migrations.Count == 0 ? 0 : Migrations.Max(m => m.Version);
            if (current > latest)
            {
                throw new InvalidOperationException(NewerSchemaMessage(current, latest));
            }
            foreach (var migration in Migrations.Where(m => m.Version > current).OrderBy(m => m.Version))
            {
                await connection.NonQueryAsync(transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
                await connection.NonQueryAsync(transaction, "INSERT INTO schema_migrations (component, version, applied_at) VALUES (@c, @v, @at)", cancellationToken,
                    ("@c", Component), ("@v", migration.Version), ("@at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())).ConfigureAwait(false);
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
