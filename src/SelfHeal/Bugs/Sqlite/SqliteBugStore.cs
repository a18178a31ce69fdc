using System.Data;
using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using SelfHeal.Runs.Sqlite;
using SelfHeal.Storage;

namespace SelfHeal.Bugs.Sqlite;

/// <summary>
/// The embedded bug store, in the run database's SQLite file (WAL, <c>synchronous=FULL</c>): a recorded report is
/// on disk before <see cref="RecordAsync"/> returns. Writes are group-committed: reports that arrive together are
/// queued to one writer, which records them in a single <c>BEGIN IMMEDIATE</c> transaction and one fsync, then answers
/// each (one at a time, SQLite's writers would otherwise wait on each other in its busy handler). Other processes on
/// the same file are kept apart by the transaction's write lock, so no two bugs are opened for one fingerprint and no
/// delivery is stored twice. A batch that fails is retried report by report, so one bad report fails alone.
/// </summary>
internal sealed class SqliteBugStore : DbBugStore
{
    private const int MaxBatch = 128;
    private readonly Channel<PendingRecord> _writes = Channel.CreateUnbounded<PendingRecord>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lazy<Task> _writer;
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
        _writer = new Lazy<Task>(() => Task.Run(WriteLoopAsync), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Queues <paramref name="intake"/> for the next group commit; returns once it is durable.</summary>
    public override Task<BugIntakeResult> RecordAsync(BugIntake intake, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(intake);
        cancellationToken.ThrowIfCancellationRequested();
        _ = _writer.Value;
        var pending = new PendingRecord(intake, new TaskCompletionSource<BugIntakeResult>(TaskCreationOptions.RunContinuationsAsynchronously), cancellationToken);
        if (!_writes.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The bug store's writer has stopped.");
        }
        // Not WaitAsync(cancellationToken): once queued, a report may be committed, and its caller must learn the outcome.
        return pending.Completion.Task;
    }

    private async Task WriteLoopAsync()
    {
        var reader = _writes.Reader;
        var batch = new List<PendingRecord>(MaxBatch);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var next))
            {
                if (next.CancellationToken.IsCancellationRequested)
                {
                    next.Completion.TrySetCanceled(next.CancellationToken);
                }
                else
                {
                    batch.Add(next);
                }
            }
            if (batch.Count == 0)
            {
                continue;
            }
            try
            {
                var results = await CommitBatchAsync(batch).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(results[i]);
                }
            }
#pragma warning disable CA1031 // The writer must outlive any one batch: the batch is retried report by report.
            catch (Exception)
#pragma warning restore CA1031
            {
                foreach (var pending in batch)
                {
                    try
                    {
                        pending.Completion.TrySetResult(await base.RecordAsync(pending.Intake, CancellationToken.None).ConfigureAwait(false));
                    }
#pragma warning disable CA1031 // Each report's failure goes to its own caller.
                    catch (Exception e)
#pragma warning restore CA1031
                    {
                        pending.Completion.TrySetException(e);
                    }
                }
            }
        }
    }

    private async Task<IReadOnlyList<BugIntakeResult>> CommitBatchAsync(List<PendingRecord> batch)
    {
        await using var connection = await OpenAsync(CancellationToken.None).ConfigureAwait(false);
        await using var transaction = await BeginAsync(connection, CancellationToken.None).ConfigureAwait(false);
        var results = new List<BugIntakeResult>(batch.Count);
        foreach (var pending in batch)
        {
            results.Add(await RecordInAsync(connection, transaction, pending.Intake, CancellationToken.None).ConfigureAwait(false));
        }
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return results;
    }

    private sealed record PendingRecord(BugIntake Intake, TaskCompletionSource<BugIntakeResult> Completion, CancellationToken CancellationToken);

    public string DatabasePath => _database.Path;

    protected override BugStoreSql Sql => SqliteSql;

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _database.OpenAsync(cancellationToken).ConfigureAwait(false);

    /// <summary><c>BEGIN IMMEDIATE</c>: the write lock is taken at the start, so two records never race.</summary>
    protected override async Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
}
