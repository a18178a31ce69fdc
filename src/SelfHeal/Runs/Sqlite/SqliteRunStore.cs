using System.Data;
using System.Data.Common;
using Microsoft.Extensions.Options;
using SelfHeal.Storage;

namespace SelfHeal.Runs.Sqlite;

/// <summary>
/// The embedded run store: one SQLite file in WAL mode with <c>synchronous=FULL</c>, so an event is on
/// disk before <see cref="DbRunStore.AppendAsync"/> returns. Each append is one <c>BEGIN IMMEDIATE</c> transaction, so
/// concurrent writers (threads or processes) never share a sequence. Its schema is applied on first use.
/// </summary>
internal sealed class SqliteRunStore : DbRunStore
{
    private readonly SqliteDatabase _database;

    public SqliteRunStore(IOptions<SqliteRunStoreOptions> options, TimeProvider timeProvider)
        : base(timeProvider)
    {
        _database = new SqliteDatabase(options.Value.DatabasePath, SqliteRunSchema.Component, SqliteRunSchema.Migrations);
    }

    public string DatabasePath => _database.Path;

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _database.OpenAsync(cancellationToken).ConfigureAwait(false);

    /// <summary><c>BEGIN IMMEDIATE</c>: the write lock is taken at the start, so two writers never race for a sequence.</summary>
    protected override async Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
}
