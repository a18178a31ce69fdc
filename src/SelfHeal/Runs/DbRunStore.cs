using System.Data.Common;
using System.Text.Json;
using SelfHeal.Storage;

namespace SelfHeal.Runs;

/// <summary>
/// The run store logic both databases share: one transaction per appended event (the run's next gap-free sequence,
/// the run's row created or updated with it), and the mapping of rows back to events and summaries. A subclass
/// supplies the connection, the transaction and any lock that keeps two writers of one run from sharing a sequence.
/// Every statement uses <c>@name</c> parameters and SQL that both SQLite and PostgreSQL accept.
/// </summary>
internal abstract class DbRunStore : IRunStore
{
    private readonly TimeProvider _timeProvider;

    protected DbRunStore(TimeProvider timeProvider) => _timeProvider = timeProvider;

    /// <summary>An open connection with the run schema current.</summary>
    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>The transaction one append runs in.</summary>
    protected abstract Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Takes a lock on run <paramref name="runId"/> held until <paramref name="transaction"/> ends, where the database needs one; by default none.</summary>
    protected virtual Task LockAsync(DbConnection connection, DbTransaction transaction, string runId, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<RunEventEnvelope> AppendAsync(string runId, RunEvent runEvent, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(runEvent);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        await LockAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false);
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

        var current = await connection.ValueAsync(transaction, "SELECT MAX(seq) FROM events WHERE run_id = @id", cancellationToken, ("@id", runId)).ConfigureAwait(false);
        var exists = await connection.ValueAsync(transaction, "SELECT 1 FROM runs WHERE id = @id", cancellationToken, ("@id", runId)).ConfigureAwait(false) is not null;
        if (runEvent is RunCreated created)
        {
            if (exists)
            {
                throw new InvalidOperationException($"Run '{runId}' already exists.");
            }
            await connection.NonQueryAsync(transaction,
                "INSERT INTO runs (id, created_at, updated_at, title, repository, status, bug_id) VALUES (@id, @at, @at, @title, @repo, @status, @bug)",
                cancellationToken,
                ("@id", runId), ("@at", now), ("@title", created.Report.Title), ("@repo", created.Target.RepositoryPath),
                ("@status", RunStatus.Pending.ToString()), ("@bug", created.BugId)).ConfigureAwait(false);
        }
        else if (!exists)
        {
            throw new InvalidOperationException($"Run '{runId}' does not exist.");
        }

        var sequence = (current is null ? 0 : Convert.ToInt64(current, System.Globalization.CultureInfo.InvariantCulture)) + 1;
        await connection.NonQueryAsync(transaction, "INSERT INTO events (run_id, seq, at, payload) VALUES (@id, @seq, @at, @payload)", cancellationToken,
            ("@id", runId), ("@seq", sequence), ("@at", now), ("@payload", JsonSerializer.Serialize(runEvent, RunJson.Options))).ConfigureAwait(false);
        if (StatusAfter(runEvent) is { } status)
        {
            await connection.NonQueryAsync(transaction, "UPDATE runs SET updated_at = @at, status = @status WHERE id = @id", cancellationToken,
                ("@id", runId), ("@at", now), ("@status", status.ToString())).ConfigureAwait(false);
        }
        else
        {
            await connection.NonQueryAsync(transaction, "UPDATE runs SET updated_at = @at WHERE id = @id", cancellationToken, ("@id", runId), ("@at", now)).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new RunEventEnvelope(runId, sequence, DateTimeOffset.FromUnixTimeMilliseconds(now), runEvent);
    }

    public async Task<HealingRun?> GetAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(null, "SELECT seq, at, payload FROM events WHERE run_id = @id ORDER BY seq", ("@id", runId));
        var events = await command.RowsAsync(reader =>
        {
            var runEvent = JsonSerializer.Deserialize<RunEvent>(reader.GetString(2), RunJson.Options)
                ?? throw new InvalidDataException($"Event {reader.GetInt64(0)} of run '{runId}' is empty.");
            return new RunEventEnvelope(runId, reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), runEvent);
        }, cancellationToken).ConfigureAwait(false);
        return events.Count == 0 ? null : new HealingRun(runId, events);
    }

    public async Task<IReadOnlyList<RunSummary>> ListAsync(RunQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        // CAST keeps a null filter typed on PostgreSQL, where an untyped null parameter has no type to compare with.
        await using var command = connection.Command(null, """
            SELECT id, created_at, updated_at, title, repository, status, bug_id FROM runs
            WHERE (CAST(@status AS TEXT) IS NULL OR status = CAST(@status AS TEXT))
              AND (CAST(@bug AS TEXT) IS NULL OR bug_id = CAST(@bug AS TEXT))
            ORDER BY created_at DESC, id DESC
            LIMIT @limit OFFSET @offset
            """,
            ("@status", query.Status?.ToString()), ("@bug", query.BugId),
            ("@limit", Math.Clamp(query.Limit, 1, RunQuery.MaxLimit)), ("@offset", Math.Max(0, query.Offset)));
        return await command.RowsAsync(reader => new RunSummary(
            reader.GetString(0),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
            reader.GetString(3),
            reader.GetString(4),
            Enum.TryParse<RunStatus>(reader.GetString(5), out var status) ? status : RunStatus.Pending,
            reader.IsDBNull(6) ? null : reader.GetString(6)), cancellationToken).ConfigureAwait(false);
    }

    private static RunStatus? StatusAfter(RunEvent runEvent) => runEvent switch
    {
        StageStarted => RunStatus.Running,
        RunFinished f => RunState.Empty.Apply(new RunEventEnvelope("-", 1, default, f)).Status,
        _ => null,
    };
}
