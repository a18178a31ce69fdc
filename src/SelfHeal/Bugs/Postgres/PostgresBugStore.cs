using System.Data.Common;
using Microsoft.Extensions.Options;
using SelfHeal.Storage;

namespace SelfHeal.Bugs.Postgres;

/// <summary>
/// The bug store on PostgreSQL, for many servers and workers sharing one database; it behaves as the SQLite store
/// does (the same contract tests run against both). A record is one transaction that first takes transaction-scoped
/// advisory locks on its delivery key and then its fingerprint (always in that order, so two records never
/// deadlock): concurrent writers never open two bugs for one fingerprint or store a delivery twice. The schema is
/// applied on first use (<see cref="PostgresDatabase"/>).
/// </summary>
internal sealed class PostgresBugStore : DbBugStore, IAsyncDisposable
{
    // A null parameter is sent untyped, so SQL that may receive one casts it (@p::text).
    private static readonly BugStoreSql PostgresSql = new(
        AddOccurrenceToBug: """
            UPDATE bugs SET
                occurrence_count = occurrence_count + 1,
                last_seen = GREATEST(last_seen, @at),
                first_seen = LEAST(first_seen, @at),
                severity = GREATEST(severity, @severity),
                priority = GREATEST(priority, @priority),
                fingerprint = COALESCE(fingerprint, @fingerprint::text),
                repository = COALESCE(repository, @repository::text),
                sources = CASE WHEN strpos(',' || sources || ',', ',' || @source || ',') > 0 THEN sources ELSE sources || ',' || @source END
            WHERE id = @id
            """,
        InsertOccurrence: """
            INSERT INTO occurrences (bug_id, received_at, source, match, similarity, delivery_id, report)
            VALUES (@bug, @at, @source, @match, @similarity::double precision, @delivery::text, @report)
            """,
        SimilarOpenBug: "SELECT id FROM bugs WHERE id = @id AND status = 'open' AND (@f::text IS NULL OR fingerprint IS NULL)",
        ListFilter: """
            (@status::text IS NULL OR status = @status::text)
              AND (@severity::integer IS NULL OR severity >= @severity::integer)
              AND (@source::text IS NULL OR strpos(',' || sources || ',', ',' || @source::text || ',') > 0)
              AND (@repository::text IS NULL OR repository = @repository::text)
              AND (@fingerprint::text IS NULL OR fingerprint = @fingerprint::text)
              AND (@text::text IS NULL OR strpos(lower(title), lower(@text::text)) > 0)
            """);

    private readonly PostgresDatabase _database;

    public PostgresBugStore(IOptions<PostgresBugStoreOptions> options, TimeProvider timeProvider)
        : base(timeProvider)
    {
        _database = new PostgresDatabase(options.Value.ConnectionString, PostgresBugSchema.Component, PostgresBugSchema.Migrations);
    }

    protected override BugStoreSql Sql => PostgresSql;

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _database.OpenAsync(cancellationToken).ConfigureAwait(false);

    protected override async Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>A transaction-scoped advisory lock on <paramref name="key"/>, released at commit or rollback.</summary>
    protected override Task LockAsync(DbConnection connection, DbTransaction transaction, string key, CancellationToken cancellationToken) =>
        connection.NonQueryAsync(transaction, "SELECT pg_advisory_xact_lock(hashtextextended(@k, 0))", cancellationToken, ("@k", "selfheal\n" + key));
}
