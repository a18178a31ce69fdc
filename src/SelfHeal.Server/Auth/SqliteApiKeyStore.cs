using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SelfHeal.Runs.Sqlite;
using SelfHeal.Storage;

namespace SelfHeal.Server.Auth;

/// <summary>
/// API keys in the run database's SQLite file. A key is <c>shk_{id}_{secret}</c>; only the SHA-256 of the whole key
/// is stored. A presented key is looked up by its id and its hash compared with <see cref="CryptographicOperations.FixedTimeEquals"/>.
/// </summary>
internal sealed class SqliteApiKeyStore : IApiKeyStore
{
    private const string Prefix = "shk_";
    private const string IdAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    private static readonly IReadOnlyList<SqliteMigration> Migrations =
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
        var id = RandomNumberGenerator.GetString(IdAlphabet, 10);
        var key = $"{Prefix}{id}_{Base64UrlEncode(RandomNumberGenerator.GetBytes(32))}";
        var now = _timeProvider.GetUtcNow();
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("INSERT INTO api_keys (id, name, role, hash, created_at) VALUES ($id, $name, $role, $hash, $at)", cancellationToken,
            ("$id", id), ("$name", name.Trim()), ("$role", role.ToString().ToLowerInvariant()), ("$hash", Hash(key)), ("$at", now.ToUnixTimeMilliseconds())).ConfigureAwait(false);
        return new CreatedApiKey(new ApiKeyInfo(id, name.Trim(), role, DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()), null), key);
    }

    public async Task<ApiKeyInfo?> FindAsync(string presentedKey, CancellationToken cancellationToken = default)
    {
        if (presentedKey is not { Length: > 0 and < 256 } || !presentedKey.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var end = presentedKey.IndexOf('_', Prefix.Length);
        if (end < 0)
        {
            return null;
        }
        var id = presentedKey[Prefix.Length..end];
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Create(null, "SELECT id, name, role, hash, created_at, revoked_at FROM api_keys WHERE id = $id AND revoked_at IS NULL", ("$id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        var stored = Encoding.ASCII.GetBytes(reader.GetString(3));
        var presented = Encoding.ASCII.GetBytes(Hash(presentedKey));
        return CryptographicOperations.FixedTimeEquals(stored, presented) ? Read(reader) : null;
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

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
