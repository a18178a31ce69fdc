using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace SelfHeal.Runs.Sqlite;

/// <summary>
/// The embedded run store: one SQLite file in WAL mode with <c>synchronous=FULL</c>, so an event is on
/// disk before <see cref="AppendAsync"/> returns. Safe for concurrent use from several threads and processes.
/// </summary>
internal sealed class SqliteRunStore : IRunStore
{
    private const int SchemaVersion = 1;

    private readonly string _connectionString;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private bool _initialized;

    public SqliteRunStore(IOptions<SqliteRunStoreOptions> options, TimeProvider timeProvider)
    {
        var path = Path.GetFullPath(options.Value.DatabasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        DatabasePath = path;
        _timeProvider = timeProvider;
    }

    public string DatabasePath { get; }

    public async Task<RunEventEnvelope> AppendAsync(string runId, RunEvent runEvent, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(runEvent);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        // BEGIN IMMEDIATE takes the write lock up front, so two writers never race for the same sequence.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
        var now = _timeProvider.GetUtcNow();

        var current = await ScalarAsync(connection, transaction, "SELECT MAX(seq) FROM events WHERE run_id = $id", cancellationToken, ("$id", runId)).ConfigureAwait(false);
        var exists = await ScalarAsync(connection, transaction, "SELECT COUNT(*) FROM runs WHERE id = $id", cancellationToken, ("$id", runId)).ConfigureAwait(false) is long n && n > 0;
        if (runEvent is RunCreated created)
        {
            if (exists)
            {
                throw new InvalidOperationException($"Run '{runId}' already exists.");
            }
            await ExecuteAsync(connection, transaction,
                "INSERT INTO runs (id, created_at, updated_at, title, repository, status) VALUES ($id, $at, $at, $title, $repo, $status)",
                cancellationToken,
                ("$id", runId), ("$at", now.ToUnixTimeMilliseconds()), ("$title", created.Report.Title),
                ("$repo", created.Target.RepositoryPath), ("$status", RunStatus.Pending.ToString())).ConfigureAwait(false);
        }
        else if (!exists)
        {
            throw new InvalidOperationException($"Run '{runId}' does not exist.");
        }

        var sequence = (current is long last ? last : 0) + 1;
        var payload = JsonSerializer.Serialize(runEvent, RunJson.Options);
        await ExecuteAsync(connection, transaction,
            "INSERT INTO events (run_id, seq, at, payload) VALUES ($id, $seq, $at, $payload)",
            cancellationToken,
            ("$id", runId), ("$seq", sequence), ("$at", now.ToUnixTimeMilliseconds()), ("$payload", payload)).ConfigureAwait(false);

        var status = StatusAfter(runEvent);
        await ExecuteAsync(connection, transaction,
            status is null
                ? "UPDATE runs SET updated_at = $at WHERE id = $id"
                : "UPDATE runs SET updated_at = $at, status = $status WHERE id = $id",
            cancellationToken,
            ("$id", runId), ("$at", now.ToUnixTimeMilliseconds()), ("$status", status?.ToString() ?? "")).ConfigureAwait(false);

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new RunEventEnvelope(runId, sequence, DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()), runEvent);
    }

    public async Task<HealingRun?> GetAsync(string runId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, at, payload FROM events WHERE run_id = $id ORDER BY seq";
        command.Parameters.AddWithValue("$id", runId);
        var events = new List<RunEventEnvelope>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var runEvent = JsonSerializer.Deserialize<RunEvent>(reader.GetString(2), RunJson.Options)
                ?? throw new InvalidDataException($"Event {reader.GetInt64(0)} of run '{runId}' is empty.");
            events.Add(new RunEventEnvelope(runId, reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), runEvent));
        }
        return events.Count == 0 ? null : new HealingRun(runId, events);
    }

    public async Task<IReadOnlyList<RunSummary>> ListAsync(int limit = 50, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, created_at, updated_at, title, repository, status FROM runs ORDER BY created_at DESC, id DESC LIMIT $limit";
        command.Parameters.AddWithValue("$limit", Math.Clamp(limit, 1, 10_000));
        var runs = new List<RunSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            runs.Add(new RunSummary(
                reader.GetString(0),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                reader.GetString(3),
                reader.GetString(4),
                Enum.TryParse<RunStatus>(reader.GetString(5), out var status) ? status : RunStatus.Pending));
        }
        return runs;
    }

    private static RunStatus? StatusAfter(RunEvent runEvent) => runEvent switch
    {
        StageStarted => RunStatus.Running,
        RunFinished f => RunState.Empty.Apply(new RunEventEnvelope("-", 1, default, f)).Status,
        _ => null,
    };

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_initialized)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        }
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // Per-connection settings: FULL makes a committed transaction durable against power loss, not only kill -9.
            await ExecuteAsync(connection, null, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;", cancellationToken).ConfigureAwait(false);
            await InitializeAsync(connection, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task InitializeAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        await _initGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }
            await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);
            var version = await ScalarAsync(connection, null, "PRAGMA user_version;", cancellationToken).ConfigureAwait(false) as long? ?? 0;
            if (version > SchemaVersion)
            {
                throw new InvalidOperationException($"The run database '{DatabasePath}' was written by a newer SelfHeal (schema {version}); upgrade SelfHeal or use another --db.");
            }
            if (version < 1)
            {
                await ExecuteAsync(connection, null, """
                    CREATE TABLE IF NOT EXISTS runs (
                        id TEXT PRIMARY KEY,
                        created_at INTEGER NOT NULL,
                        updated_at INTEGER NOT NULL,
                        title TEXT NOT NULL,
                        repository TEXT NOT NULL,
                        status TEXT NOT NULL
                    );
                    CREATE TABLE IF NOT EXISTS events (
                        run_id TEXT NOT NULL REFERENCES runs(id),
                        seq INTEGER NOT NULL,
                        at INTEGER NOT NULL,
                        payload TEXT NOT NULL,
                        PRIMARY KEY (run_id, seq)
                    ) WITHOUT ROWID;
                    CREATE INDEX IF NOT EXISTS runs_created ON runs(created_at DESC);
                    PRAGMA user_version = 1;
                    """, cancellationToken).ConfigureAwait(false);
            }
            _initialized = true;
        }
        finally
        {
            _initGate.Release();
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return result is DBNull ? null : result;
    }
}
