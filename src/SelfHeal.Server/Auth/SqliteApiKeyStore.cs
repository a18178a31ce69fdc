using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SelfHeal.Runs.Sqlite;
using SelfHeal.Storage;

namespace SelfHeal.Server.Auth;

/// <summary>
/// API keys in the run database's SQLite file, in the <see cref="ApiKeyFormat"/>: only the SHA-256 of a key is
/// stored; a presented key is looked up by its id and its hash compared in constant time.
/// </summary>
internal sealed class SqliteApiKeyStore : IApiKeyStore
{
    private static readonly IReadOnlyList<SchemaMigration> Migrations =
    [
        new(1, """
            CREATE TABLE api_keys (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                role TEXT NOT NULL,
                hash TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                revoked_at INTEGER
            );
            """),
    ];

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _timeProvider;

    public SqliteApiKeyStore(IOptions<SqliteRunStoreOptions> options, TimeProvider timeProvider)
    {
        _database = new SqliteDatabase(options.Value.DatabasePath, "api_keys", Migrations);
        _timeProvider = timeProvider;
    }

    public async Task<CreatedApiKey> CreateAsync(string name, ApiKeyRole role, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var (id, key) = ApiKeyFormat.New();
        var now = _timeProvider.GetUtcNow();
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("INSERT INTO api_keys (id, name, role, hash, created_at) VALUES ($id, $name, $role, $hash, $at)", cancellationToken,
            ("$id", id), ("$name", name.Trim()), ("$role", role.ToString().ToLowerInvariant()), ("$hash", ApiKeyFormat.Hash(key)), ("$at", now.ToUnixTimeMilliseconds())).ConfigureAwait(false);
        return new CreatedApiKey(new ApiKeyInfo(id, name.Trim(), role, DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()), null), key);
    }

    public async Task<ApiKeyInfo?> FindAsync(string presentedKey, CancellationToken cancellationToken = default)
    {
        if (ApiKeyFormat.IdOf(presentedKey) is not { } id)
        {
            return null;
        }
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Create(null, "SELECT id, name, role, hash, created_at, revoked_at FROM api_keys WHERE id = $id AND revoked_at IS NULL", ("$id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        return ApiKeyFormat.Matches(reader.GetString(3), presentedKey) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(bool includeRevoked = false, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Create(null,
            "SELECT id, name, role, hash, created_at, revoked_at FROM api_keys WHERE $all = 1 OR revoked_at IS NULL ORDER BY created_at DESC, id",
            ("$all", includeRevoked ? 1 : 0));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var keys = new List<ApiKeyInfo>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(Read(reader));
        }
        return keys;
    }

    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync("UPDATE api_keys SET revoked_at = $at WHERE id = $id AND revoked_at IS NULL", cancellationToken,
            ("$id", id), ("$at", _timeProvider.GetUtcNow().ToUnixTimeMilliseconds())).ConfigureAwait(false);
        return changed > 0;
    }

    private static ApiKeyInfo Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        Enum.Parse<ApiKeyRole>(reader.GetString(2), ignoreCase: true),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
        reader.IsDBNull(5) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)));
}
