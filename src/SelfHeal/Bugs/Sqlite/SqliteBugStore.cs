using System.Data;
using System.Data.Common;
using Microsoft.Extensions.Options;
using SelfHeal.Runs.Sqlite;
using SelfHeal.Storage;

namespace SelfHeal.Bugs.Sqlite;

/// <summary>
/// The embedded bug store, in the run database's SQLite file (WAL, <c>synchronous=FULL</c>): a recorded report is
/// on disk before <see cref="DbBugStore.RecordAsync"/> returns. Each record is one <c>BEGIN IMMEDIATE</c> transaction, so
/// concurrent writers (threads or processes) never open two bugs for one fingerprint or store a delivery twice.
/// </summary>
internal sealed class SqliteBugStore : DbBugStore
{
    private static readonly BugStoreSql SqliteSql = new(
        AddOccurrenceToBug: """
            UPDATE bugs SET
                occurrence_count = occurrence_count + 1,
                last_seen = MAX(last_seen, @at),
                first_seen = MIN(first_seen, @at),
                severity = MAX(severity, @severity),
                priority = MAX(priority, @priority),
                fingerprint = COALESCE(fingerprint, @fingerprint),
                repository = COALESCE(repository, @repository),
                sources = CASE WHEN instr(',' || sources || ',', ',' || @source || ',') > 0 THEN sources ELSE sources || ',' || @source END
            WHERE id = @id
            """,
        InsertOccurrence: """
            INSERT INTO occurrences (bug_id, received_at, source, match, similarity, delivery_id, report)
            VALUES (@bug, @at, @source, @match, @similarity, @delivery, @report)
            """,
        SimilarOpenBug: "SELECT id FROM bugs WHERE id = @id AND status = 'open' AND (@f IS NULL OR fingerprint IS NULL)",
        ListFilter: """
            (@status IS NULL OR status = @status)
              AND (@severity IS NULL OR severity >= @severity)
              AND (@source IS NULL OR instr(',' || sources || ',', ',' || @source || ',') > 0)
              AND (@repository IS NULL OR repository = @repository)
              AND (@fingerprint IS NULL OR fingerprint = @fingerprint)
              AND (@text IS NULL OR instr(lower(title), lower(@text)) > 0)
            """);

    private readonly SqliteDatabase _database;

    public SqliteBugStore(IOptions<SqliteRunStoreOptions> options, TimeProvider timeProvider)
        : base(timeProvider)
    {
        _database = new SqliteDatabase(options.Value.DatabasePath, "bugs", SqliteBugSchema.Migrations);
    }

    public string DatabasePath => _database.Path;

    protected override BugStoreSql Sql => SqliteSql;

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _database.OpenAsync(cancellationToken).ConfigureAwait(false);

    /// <summary><c>BEGIN IMMEDIATE</c>: the write lock is taken at the start, so two records never race.</summary>
    protected override async Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
}
