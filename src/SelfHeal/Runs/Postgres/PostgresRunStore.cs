using System.Data.Common;
using Microsoft.Extensions.Options;
using SelfHeal.Storage;

namespace SelfHeal.Runs.Postgres;

/// <summary>
/// The run store on PostgreSQL, for many servers and workers sharing one database; it behaves as the SQLite store does
/// (the same contract tests run against both). An append is one transaction holding a transaction-scoped advisory lock
/// on its run, so two writers of one run never share a sequence. The schema is applied on first use.
/// </summary>
internal sealed class PostgresRunStore : DbRunStore, IAsyncDisposable
{
    private readonly PostgresDatabase _database;

    public PostgresRunStore(IOptions<PostgresRunStoreOptions> options, TimeProvider timeProvider)
        : base(timeProvider)
    {
        _database = new PostgresDatabase(options.Value.ConnectionString, PostgresRunSchema.Component, PostgresRunSchema.Migrations);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _database.OpenAsync(cancellationToken).ConfigureAwait(false);

    protected override async Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    protected override Task LockAsync(DbConnection connection, DbTransaction transaction, string runId, CancellationToken cancellationToken) =>
        connection.NonQueryAsync(transaction, "SELECT pg_advisory_xact_lock(hashtextextended(@k, 0))", cancellationToken, ("@k", "selfheal\nrun\n" + runId));
}
