using System.Data.Common;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using SelfHeal.Reports;
using SelfHeal.Runs;
using SelfHeal.Storage;

namespace SelfHeal.Bugs.Postgres;

/// <summary>
/// The bug store on PostgreSQL, for many servers and workers sharing one database; it behaves as the SQLite store
/// does (the same contract tests run against both). A record is one transaction that first takes transaction-scoped
/// advisory locks on its delivery key and then its fingerprint (always in that order, so two records never
/// deadlock): concurrent writers never open two bugs for one fingerprint or store a delivery twice. The schema is
/// applied on first use (<see cref="PostgresDatabase"/>).
/// </summary>
internal sealed class PostgresBugStore : IBugStore, IAsyncDisposable
{
    private const int ExcerptLength = 1000;
    private const string SummaryColumns = "id, title, excerpt, status, severity, priority, fingerprint, repository, sources, occurrence_count, first_seen, last_seen";

    private readonly PostgresDatabase _database;
    private readonly TimeProvider _timeProvider;

    public PostgresBugStore(IOptions<PostgresBugStoreOptions> options, TimeProvider timeProvider)
    {
        _database = new PostgresDatabase(options.Value.ConnectionString, PostgresBugSchema.Component, PostgresBugSchema.Migrations);
        _timeProvider = timeProvider;
    }

    public async Task<BugIntakeResult> RecordAsync(BugIntake intake, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(intake);
        var report = intake.Report;
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var receivedAt = report.ReceivedAt?.ToUnixTimeMilliseconds() ?? now;
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        if (intake.Delivery is { } delivery)
        {
            await LockAsync(connection, $"delivery\n{delivery.Channel}\n{delivery.Id}", cancellationToken).ConfigureAwait(false);
            if (await connection.ScalarAsync("SELECT bug_id FROM deliveries WHERE channel = @c AND delivery_id = @d", cancellationToken,
                ("c", delivery.Channel), ("d", delivery.Id)).ConfigureAwait(false) is string seen)
            {
                var count = await connection.ScalarAsync("SELECT occurrence_count FROM bugs WHERE id = @id", cancellationToken, ("id", seen)).ConfigureAwait(false) as long? ?? 0;
                return new BugIntakeResult(seen, BugIntakeOutcome.Duplicate, count);
            }
        }
        if (intake.Fingerprint is { } fingerprint)
        {
            await LockAsync(connection, $"fingerprint\n{fingerprint}", cancellationToken).ConfigureAwait(false);
        }

        var (bugId, match) = await FindExistingAsync(connection, intake, cancellationToken).ConfigureAwait(false);
        var reportJson = JsonSerializer.Serialize(report, RunJson.Options);
        if (bugId is null)
        {
            bugId = BugId.New(_timeProvider);
            match = "created";
            await connection.ExecuteAsync("""
                INSERT INTO bugs (id, title, excerpt, status, severity, priority, fingerprint, repository, sources, occurrence_count, first_seen, last_seen, first_report)
                VALUES (@id, @title, @excerpt, 'open', @severity, @priority, @fingerprint, @repository, @source, 1, @at, @at, @report)
                """, cancellationToken,
                ("id", bugId), ("title", report.Title), ("excerpt", Excerpt(report.Description)), ("severity", (int)report.Severity),
                ("priority", (int)report.Priority), ("fingerprint", intake.Fingerprint), ("repository", report.Repository),
                ("source", report.Source), ("at", receivedAt), ("report", reportJson)).ConfigureAwait(false);
        }
        else
        {
            await connection.ExecuteAsync("""
                UPDATE bugs SET
                    occurrence_count = occurrence_count + 1,
                    last_seen = GREATEST(last_seen, @at),
                    first_seen = LEAST(first_seen, @at),
                    severity = GREATEST(severity, @severity),
                    priority = GREATEST(priority, @priority),
                    repository = COALESCE(repository, @repository::text),
                    sources = CASE WHEN strpos(',' || sources || ',', ',' || @source || ',') > 0 THEN sources ELSE sources || ',' || @source END
                WHERE id = @id
                """, cancellationToken,
                ("id", bugId), ("at", receivedAt), ("severity", (int)report.Severity), ("priority", (int)report.Priority),
                ("repository", report.Repository), ("source", report.Source)).ConfigureAwait(false);
        }

        await connection.ExecuteAsync("""
            INSERT INTO occurrences (bug_id, received_at, source, match, similarity, delivery_id, report)
            VALUES (@bug, @at, @source, @match, @similarity::double precision, @delivery::text, @report)
            """, cancellationToken,
            ("bug", bugId), ("at", receivedAt), ("source", report.Source), ("match", match),
            ("similarity", match == "similar" ? intake.Similarity : null), ("delivery", intake.Delivery?.Id), ("report", reportJson)).ConfigureAwait(false);
        if (intake.Delivery is { } key)
        {
            await connection.ExecuteAsync("INSERT INTO deliveries (channel, delivery_id, bug_id, received_at) VALUES (@c, @d, @bug, @at)", cancellationToken,
                ("c", key.Channel), ("d", key.Id), ("bug", bugId), ("at", now)).ConfigureAwait(false);
        }
        var occurrences = await connection.ScalarAsync("SELECT occurrence_count FROM bugs WHERE id = @id", cancellationToken, ("id", bugId)).ConfigureAwait(false) as long? ?? 1;
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new BugIntakeResult(bugId, match == "created" ? BugIntakeOutcome.Created : BugIntakeOutcome.Occurrence, occurrences);
    }

    public async Task<BugDetails?> GetAsync(string bugId, int occurrenceLimit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bugId);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        BugSummary? summary = null;
        BugReport? first = null;
        await using (var command = connection.Create($"SELECT {SummaryColumns}, first_report FROM bugs WHERE id = @id", ("id", bugId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                summary = ReadSummary(reader);
                first = ReadReport(reader.GetString(12));
            }
        }
        if (summary is null || first is null)
        {
            return null;
        }
        var occurrences = new List<BugOccurrence>();
        await using (var command = connection.Create(
            "SELECT id, received_at, source, match, similarity, delivery_id, report FROM occurrences WHERE bug_id = @id ORDER BY id DESC LIMIT @limit",
            ("id", bugId), ("limit", Math.Clamp(occurrenceLimit, 0, 10_000))))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                occurrences.Add(new BugOccurrence(
                    reader.GetInt64(0),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                    reader.GetString(2),
                    reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetDouble(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    ReadReport(reader.GetString(6))));
            }
        }
        return new BugDetails(summary, first, occurrences);
    }

    public async Task<IReadOnlyList<BugSummary>> ListAsync(BugQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Create($"""
            SELECT {SummaryColumns} FROM bugs
            WHERE (@status::text IS NULL OR status = @status::text)
              AND (@severity::integer IS NULL OR severity >= @severity::integer)
              AND (@source::text IS NULL OR strpos(',' || sources || ',', ',' || @source::text || ',') > 0)
              AND (@repository::text IS NULL OR repository = @repository::text)
              AND (@fingerprint::text IS NULL OR fingerprint = @fingerprint::text)
              AND (@text::text IS NULL OR strpos(lower(title), lower(@text::text)) > 0)
            ORDER BY last_seen DESC, id DESC
            LIMIT @limit OFFSET @offset
            """,
            ("status", query.Status is { } s ? (s == BugStatus.Resolved ? "resolved" : "open") : null), ("severity", query.MinSeverity is { } v ? (int)v : null),
            ("source", query.Source), ("repository", query.Repository), ("fingerprint", query.Fingerprint), ("text", query.Text),
            ("limit", Math.Clamp(query.Limit, 1, BugQuery.MaxLimit)), ("offset", Math.Max(0, query.Offset)));
        var bugs = new List<BugSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            bugs.Add(ReadSummary(reader));
        }
        return bugs;
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private static async Task<(string? BugId, string Match)> FindExistingAsync(NpgsqlConnection connection, BugIntake intake, CancellationToken cancellationToken)
    {
        if (intake.Fingerprint is { } fingerprint
            && await connection.ScalarAsync("SELECT id FROM bugs WHERE fingerprint = @f AND status = 'open'", cancellationToken, ("f", fingerprint)).ConfigureAwait(false) is string byFingerprint)
        {
            return (byFingerprint, "fingerprint");
        }
        if (intake.SimilarBugId is { } similar
            && await connection.ScalarAsync("SELECT id FROM bugs WHERE id = @id AND status = 'open' AND (@f::text IS NULL OR fingerprint IS NULL)", cancellationToken,
                ("id", similar), ("f", intake.Fingerprint)).ConfigureAwait(false) is string bySimilarity)
        {
            return (bySimilarity, "similar");
        }
        return (null, "created");
    }

    /// <summary>A transaction-scoped advisory lock on <paramref name="key"/>, released at commit or rollback.</summary>
    private static Task LockAsync(NpgsqlConnection connection, string key, CancellationToken cancellationToken) =>
        connection.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended(@k, 0))", cancellationToken, ("k", "selfheal\n" + key));

    private static BugSummary ReadSummary(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.GetString(3) == "resolved" ? BugStatus.Resolved : BugStatus.Open,
        (BugSeverity)reader.GetInt32(4),
        (BugPriority)reader.GetInt32(5),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.GetString(8).Split(',', StringSplitOptions.RemoveEmptyEntries),
        reader.GetInt64(9),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(10)),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(11)));

    private static BugReport ReadReport(string json) =>
        JsonSerializer.Deserialize<BugReport>(json, RunJson.Options) ?? throw new InvalidDataException("A stored bug report is empty.");

    private static string? Excerpt(string? description) =>
        string.IsNullOrWhiteSpace(description) ? null : description.Length <= ExcerptLength ? description : description[..ExcerptLength];
}
