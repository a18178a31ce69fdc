using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SelfHeal.Reports;
using SelfHeal.Runs;
using SelfHeal.Runs.Sqlite;
using SelfHeal.Storage;

namespace SelfHeal.Bugs.Sqlite;

/// <summary>
/// The embedded bug store, in the run database's SQLite file (WAL, <c>synchronous=FULL</c>): a recorded report is
/// on disk before <see cref="RecordAsync"/> returns. Each record is one <c>BEGIN IMMEDIATE</c> transaction, so
/// concurrent writers (threads or processes) never open two bugs for one fingerprint or store a delivery twice.
/// </summary>
internal sealed class SqliteBugStore : IBugStore
{
    private const int ExcerptLength = 1000;

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _timeProvider;

    public SqliteBugStore(IOptions<SqliteRunStoreOptions> options, TimeProvider timeProvider)
    {
        _database = new SqliteDatabase(options.Value.DatabasePath, "bugs", SqliteBugSchema.Migrations);
        _timeProvider = timeProvider;
    }

    public string DatabasePath => _database.Path;

    public async Task<BugIntakeResult> RecordAsync(BugIntake intake, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(intake);
        var report = intake.Report;
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var receivedAt = report.ReceivedAt?.ToUnixTimeMilliseconds() ?? now;
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);

        if (intake.Delivery is { } delivery)
        {
            var seen = await connection.ScalarAsync(transaction, "SELECT bug_id FROM deliveries WHERE channel = $c AND delivery_id = $d", cancellationToken,
                ("$c", delivery.Channel), ("$d", delivery.Id)).ConfigureAwait(false) as string;
            if (seen is not null)
            {
                var count = await connection.ScalarAsync(transaction, "SELECT occurrence_count FROM bugs WHERE id = $id", cancellationToken, ("$id", seen)).ConfigureAwait(false) as long? ?? 0;
                return new BugIntakeResult(seen, BugIntakeOutcome.Duplicate, count);
            }
        }

        var (bugId, match) = await FindExistingAsync(connection, transaction, intake, cancellationToken).ConfigureAwait(false);
        var reportJson = JsonSerializer.Serialize(report, RunJson.Options);
        if (bugId is null)
        {
            bugId = BugId.New(_timeProvider);
            match = "created";
            await connection.ExecuteAsync(transaction, """
                INSERT INTO bugs (id, title, excerpt, status, severity, priority, fingerprint, repository, sources, occurrence_count, first_seen, last_seen, first_report)
                VALUES ($id, $title, $excerpt, 'open', $severity, $priority, $fingerprint, $repository, $source, 1, $at, $at, $report)
                """, cancellationToken,
                ("$id", bugId), ("$title", report.Title), ("$excerpt", Excerpt(report.Description)), ("$severity", (int)report.Severity),
                ("$priority", (int)report.Priority), ("$fingerprint", intake.Fingerprint), ("$repository", report.Repository),
                ("$source", report.Source), ("$at", receivedAt), ("$report", reportJson)).ConfigureAwait(false);
        }
        else
        {
            // Several channels speak of one bug: the worst severity and most urgent priority win, and every source is kept.
            await connection.ExecuteAsync(transaction, """
                UPDATE bugs SET
                    occurrence_count = occurrence_count + 1,
                    last_seen = MAX(last_seen, $at),
                    first_seen = MIN(first_seen, $at),
                    severity = MAX(severity, $severity),
                    priority = MAX(priority, $priority),
                    repository = COALESCE(repository, $repository),
                    sources = CASE WHEN instr(',' || sources || ',', ',' || $source || ',') > 0 THEN sources ELSE sources || ',' || $source END
                WHERE id = $id
                """, cancellationToken,
                ("$id", bugId), ("$at", receivedAt), ("$severity", (int)report.Severity), ("$priority", (int)report.Priority),
                ("$repository", report.Repository), ("$source", report.Source)).ConfigureAwait(false);
        }

        await connection.ExecuteAsync(transaction, """
            INSERT INTO occurrences (bug_id, received_at, source, match, similarity, delivery_id, report)
            VALUES ($bug, $at, $source, $match, $similarity, $delivery, $report)
            """, cancellationToken,
            ("$bug", bugId), ("$at", receivedAt), ("$source", report.Source), ("$match", match),
            ("$similarity", match == "similar" ? intake.Similarity : null), ("$delivery", intake.Delivery?.Id), ("$report", reportJson)).ConfigureAwait(false);
        if (intake.Delivery is { } key)
        {
            await connection.ExecuteAsync(transaction, "INSERT INTO deliveries (channel, delivery_id, bug_id, received_at) VALUES ($c, $d, $bug, $at)", cancellationToken,
                ("$c", key.Channel), ("$d", key.Id), ("$bug", bugId), ("$at", now)).ConfigureAwait(false);
        }
        var occurrences = await connection.ScalarAsync(transaction, "SELECT occurrence_count FROM bugs WHERE id = $id", cancellationToken, ("$id", bugId)).ConfigureAwait(false) as long? ?? 1;
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new BugIntakeResult(bugId, match == "created" ? BugIntakeOutcome.Created : BugIntakeOutcome.Occurrence, occurrences);
    }

    public async Task<BugDetails?> GetAsync(string bugId, int occurrenceLimit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bugId);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        BugSummary? summary = null;
        BugReport? first = null;
        await using (var command = connection.Create(null, $"SELECT {SummaryColumns}, first_report FROM bugs WHERE id = $id", ("$id", bugId)))
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
        await using (var command = connection.Create(null,
            "SELECT id, received_at, source, match, similarity, delivery_id, report FROM occurrences WHERE bug_id = $id ORDER BY id DESC LIMIT $limit",
            ("$id", bugId), ("$limit", Math.Clamp(occurrenceLimit, 0, 10_000))))
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
        await using var command = connection.Create(null, $"""
            SELECT {SummaryColumns} FROM bugs
            WHERE ($status IS NULL OR status = $status)
              AND ($severity IS NULL OR severity >= $severity)
              AND ($source IS NULL OR instr(',' || sources || ',', ',' || $source || ',') > 0)
              AND ($repository IS NULL OR repository = $repository)
              AND ($fingerprint IS NULL OR fingerprint = $fingerprint)
              AND ($text IS NULL OR instr(lower(title), lower($text)) > 0)
            ORDER BY last_seen DESC, id DESC
            LIMIT $limit OFFSET $offset
            """,
            ("$status", query.Status is { } s ? StatusName(s) : null), ("$severity", query.MinSeverity is { } v ? (int)v : null),
            ("$source", query.Source), ("$repository", query.Repository), ("$fingerprint", query.Fingerprint), ("$text", query.Text),
            ("$limit", Math.Clamp(query.Limit, 1, BugQuery.MaxLimit)), ("$offset", Math.Max(0, query.Offset)));
        var bugs = new List<BugSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            bugs.Add(ReadSummary(reader));
        }
        return bugs;
    }

    private const string SummaryColumns = "id, title, excerpt, status, severity, priority, fingerprint, repository, sources, occurrence_count, first_seen, last_seen";

    private static async Task<(string? BugId, string Match)> FindExistingAsync(SqliteConnection connection, SqliteTransaction transaction, BugIntake intake, CancellationToken cancellationToken)
    {
        if (intake.Fingerprint is { } fingerprint
            && await connection.ScalarAsync(transaction, "SELECT id FROM bugs WHERE fingerprint = $f AND status = 'open'", cancellationToken, ("$f", fingerprint)).ConfigureAwait(false) is string byFingerprint)
        {
            return (byFingerprint, "fingerprint");
        }
        // A report with its own fingerprint joins a similar bug only when that bug has no other fingerprint.
        if (intake.SimilarBugId is { } similar
            && await connection.ScalarAsync(transaction, "SELECT id FROM bugs WHERE id = $id AND status = 'open' AND ($f IS NULL OR fingerprint IS NULL)", cancellationToken,
                ("$id", similar), ("$f", intake.Fingerprint)).ConfigureAwait(false) is string bySimilarity)
        {
            return (bySimilarity, "similar");
        }
        return (null, "created");
    }

    private static BugSummary ReadSummary(SqliteDataReader reader) => new(
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

    private static string StatusName(BugStatus status) => status == BugStatus.Resolved ? "resolved" : "open";

    private static string? Excerpt(string? description) =>
        string.IsNullOrWhiteSpace(description) ? null : description.Length <= ExcerptLength ? description : description[..ExcerptLength];
}
