using System.Data.Common;
using System.Text.Json;
using SelfHeal.Reports;
using SelfHeal.Runs;
using SelfHeal.Storage;

namespace SelfHeal.Bugs;

/// <summary>
/// The bug store logic both databases share: one transaction per record, the lookup of a delivery, fingerprint or
/// similar bug, the rows written, and the mapping of rows back to <see cref="BugSummary"/> and
/// <see cref="BugOccurrence"/>. A subclass supplies the connection, the transaction, any locks, and the SQL whose
/// dialect differs (<see cref="BugStoreSql"/>). Every statement uses <c>@name</c> parameters.
/// </summary>
internal abstract class DbBugStore : IBugStore
{
    private const int ExcerptLength = 1000;
    private const string SummaryColumns = "id, title, excerpt, status, severity, priority, fingerprint, repository, sources, occurrence_count, first_seen, last_seen, heal_status, heal_reason, run_id";

    private readonly TimeProvider _timeProvider;

    protected DbBugStore(TimeProvider timeProvider) => _timeProvider = timeProvider;

    /// <summary>The statements whose SQL differs between databases.</summary>
    protected abstract BugStoreSql Sql { get; }

    /// <summary>An open connection with the bug schema current.</summary>
    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>The transaction one record runs in; it must keep concurrent writers from opening two bugs for one fingerprint.</summary>
    protected abstract Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Takes a lock on <paramref name="key"/> held until <paramref name="transaction"/> ends, where the database needs one; by default none.</summary>
    protected virtual Task LockAsync(DbConnection connection, DbTransaction transaction, string key, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Records <paramref name="intake"/> in a transaction of its own; it is durable when this returns.</summary>
    public virtual async Task<BugIntakeResult> RecordAsync(BugIntake intake, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(intake);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        var result = await RecordInAsync(connection, transaction, intake, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Records <paramref name="intake"/> inside <paramref name="transaction"/> without committing it, so several reports
    /// can share one commit. What an earlier report of the same transaction wrote is seen (same fingerprint → same bug).
    /// </summary>
    protected async Task<BugIntakeResult> RecordInAsync(DbConnection connection, DbTransaction transaction, BugIntake intake, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intake);
        var report = intake.Report;
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var receivedAt = report.ReceivedAt?.ToUnixTimeMilliseconds() ?? now;

        if (intake.Delivery is { } delivery)
        {
            await LockAsync(connection, transaction, $"delivery\n{delivery.Channel}\n{delivery.Id}", cancellationToken).ConfigureAwait(false);
            if (await connection.ValueAsync(transaction, "SELECT bug_id FROM deliveries WHERE channel = @c AND delivery_id = @d", cancellationToken,
                ("@c", delivery.Channel), ("@d", delivery.Id)).ConfigureAwait(false) is string seen)
            {
                var count = await connection.ValueAsync(transaction, "SELECT occurrence_count FROM bugs WHERE id = @id", cancellationToken, ("@id", seen)).ConfigureAwait(false) as long? ?? 0;
                return new BugIntakeResult(seen, BugIntakeOutcome.Duplicate, count);
            }
        }
        if (intake.Fingerprint is { } fingerprint)
        {
            await LockAsync(connection, transaction, $"fingerprint\n{fingerprint}", cancellationToken).ConfigureAwait(false);
        }

        var (bugId, match) = await FindExistingAsync(connection, transaction, intake, cancellationToken).ConfigureAwait(false);
        var reportJson = JsonSerializer.Serialize(report, RunJson.Options);
        if (bugId is null)
        {
            bugId = BugId.New(_timeProvider);
            match = "created";
            await connection.NonQueryAsync(transaction, """
                INSERT INTO bugs (id, title, excerpt, status, severity, priority, fingerprint, repository, sources, occurrence_count, first_seen, last_seen, first_report)
                VALUES (@id, @title, @excerpt, 'open', @severity, @priority, @fingerprint, @repository, @source, 1, @at, @at, @report)
                """, cancellationToken,
                ("@id", bugId), ("@title", report.Title), ("@excerpt", Excerpt(report.Description)), ("@severity", (int)report.Severity),
                ("@priority", (int)report.Priority), ("@fingerprint", intake.Fingerprint), ("@repository", report.Repository),
                ("@source", report.Source), ("@at", receivedAt), ("@report", reportJson)).ConfigureAwait(false);
        }
        else
        {
            // Several channels speak of one bug: the worst severity and most urgent priority win, and every source is kept.
            // A bug first reported without a trace takes the fingerprint of the first crash that joins it.
            await connection.NonQueryAsync(transaction, Sql.AddOccurrenceToBug, cancellationToken,
                ("@id", bugId), ("@at", receivedAt), ("@severity", (int)report.Severity), ("@priority", (int)report.Priority),
                ("@repository", report.Repository), ("@source", report.Source), ("@fingerprint", intake.Fingerprint)).ConfigureAwait(false);
        }

        await connection.NonQueryAsync(transaction, Sql.InsertOccurrence, cancellationToken,
            ("@bug", bugId), ("@at", receivedAt), ("@source", report.Source), ("@match", match),
            ("@similarity", match == "similar" ? intake.Similarity : null), ("@delivery", intake.Delivery?.Id), ("@report", reportJson)).ConfigureAwait(false);
        if (intake.Delivery is { } key)
        {
            await connection.NonQueryAsync(transaction, "INSERT INTO deliveries (channel, delivery_id, bug_id, received_at) VALUES (@c, @d, @bug, @at)", cancellationToken,
                ("@c", key.Channel), ("@d", key.Id), ("@bug", bugId), ("@at", now)).ConfigureAwait(false);
        }
        var occurrences = await connection.ValueAsync(transaction, "SELECT occurrence_count FROM bugs WHERE id = @id", cancellationToken, ("@id", bugId)).ConfigureAwait(false) as long? ?? 1;
        return new BugIntakeResult(bugId, match == "created" ? BugIntakeOutcome.Created : BugIntakeOutcome.Occurrence, occurrences);
    }

    public async Task<BugDetails?> GetAsync(string bugId, int occurrenceLimit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bugId);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        BugSummary? summary = null;
        BugReport? first = null;
        await using (var command = connection.Command(null, $"SELECT {SummaryColumns}, first_report FROM bugs WHERE id = @id", ("@id", bugId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                summary = ReadSummary(reader);
                first = ReadReport(reader.GetString(15));
            }
        }
        if (summary is null || first is null)
        {
            return null;
        }
        await using var occurrences = connection.Command(null,
            "SELECT id, received_at, source, match, similarity, delivery_id, report FROM occurrences WHERE bug_id = @id ORDER BY id DESC LIMIT @limit",
            ("@id", bugId), ("@limit", Math.Clamp(occurrenceLimit, 0, 10_000)));
        return new BugDetails(summary, first, await occurrences.RowsAsync(ReadOccurrence, cancellationToken).ConfigureAwait(false));
    }

    public async Task<bool> SetHealAsync(string bugId, BugHeal heal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bugId);
        ArgumentNullException.ThrowIfNull(heal);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        // A heal that names no run keeps the run already recorded: the run id, once known, stays with the bug.
        return await connection.NonQueryAsync(null, "UPDATE bugs SET heal_status = @s, heal_reason = CAST(@r AS TEXT), run_id = COALESCE(CAST(@run AS TEXT), run_id) WHERE id = @id", cancellationToken,
            ("@id", bugId), ("@s", heal.Status.ToString()), ("@r", heal.Reason), ("@run", heal.RunId)).ConfigureAwait(false) > 0;
    }

    public async Task<IReadOnlyList<BugSummary>> ListAsync(BugQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(null, $"""
            SELECT {SummaryColumns} FROM bugs
            WHERE {Sql.ListFilter}
            ORDER BY last_seen DESC, id DESC
            LIMIT @limit OFFSET @offset
            """,
            ("@status", query.Status is { } s ? StatusName(s) : null), ("@severity", query.MinSeverity is { } v ? (int)v : null),
            ("@source", query.Source), ("@repository", query.Repository), ("@fingerprint", query.Fingerprint), ("@text", query.Text),
            ("@limit", Math.Clamp(query.Limit, 1, BugQuery.MaxLimit)), ("@offset", Math.Max(0, query.Offset)));
        return await command.RowsAsync(ReadSummary, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(string? BugId, string Match)> FindExistingAsync(DbConnection connection, DbTransaction transaction, BugIntake intake, CancellationToken cancellationToken)
    {
        if (intake.Fingerprint is { } fingerprint
            && await connection.ValueAsync(transaction, "SELECT id FROM bugs WHERE fingerprint = @f AND status = 'open'", cancellationToken, ("@f", fingerprint)).ConfigureAwait(false) is string byFingerprint)
        {
            return (byFingerprint, "fingerprint");
        }
        // A report with its own fingerprint joins a similar bug only when that bug has no other fingerprint.
        if (intake.SimilarBugId is { } similar
            && await connection.ValueAsync(transaction, Sql.SimilarOpenBug, cancellationToken, ("@id", similar), ("@f", intake.Fingerprint)).ConfigureAwait(false) is string bySimilarity)
        {
            return (bySimilarity, "similar");
        }
        return (null, "created");
    }

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
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(11)))
    {
        Heal = reader.IsDBNull(12) || !Enum.TryParse<BugHealStatus>(reader.GetString(12), out var heal)
            ? null
            : new BugHeal(heal, reader.IsDBNull(13) ? null : reader.GetString(13), reader.IsDBNull(14) ? null : reader.GetString(14)),
    };

    private static BugOccurrence ReadOccurrence(DbDataReader reader) => new(
        reader.GetInt64(0),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
        reader.GetString(2),
        reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetDouble(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        ReadReport(reader.GetString(6)));

    private static BugReport ReadReport(string json) =>
        JsonSerializer.Deserialize<BugReport>(json, RunJson.Options) ?? throw new InvalidDataException("A stored bug report is empty.");

    private static string StatusName(BugStatus status) => status == BugStatus.Resolved ? "resolved" : "open";

    private static string? Excerpt(string? description) =>
        string.IsNullOrWhiteSpace(description) ? null : description.Length <= ExcerptLength ? description : description[..ExcerptLength];
}

/// <summary>
/// The bug store statements whose SQL differs between databases, all with <c>@name</c> parameters.
/// </summary>
/// <param name="AddOccurrenceToBug">Updates bug <c>@id</c> for one more occurrence at <c>@at</c> (<c>@severity</c>, <c>@priority</c>, <c>@repository</c>, <c>@source</c>).</param>
/// <param name="InsertOccurrence">Inserts an occurrence (<c>@bug</c>, <c>@at</c>, <c>@source</c>, <c>@match</c>, <c>@similarity</c>, <c>@delivery</c>, <c>@report</c>).</param>
/// <param name="SimilarOpenBug">Selects the id of open bug <c>@id</c> when fingerprint <c>@f</c> is null or the bug has none.</param>
/// <param name="ListFilter">The <c>WHERE</c> condition of a list (<c>@status</c>, <c>@severity</c>, <c>@source</c>, <c>@repository</c>, <c>@fingerprint</c>, <c>@text</c>; each null matches all).</param>
internal sealed record BugStoreSql(string AddOccurrenceToBug, string InsertOccurrence, string SimilarOpenBug, string ListFilter);
