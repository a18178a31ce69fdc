using System.Data.Common;
using Microsoft.Extensions.Options;
using SelfHeal.Bugs.Postgres;
using SelfHeal.Storage;

namespace SelfHeal.Server.Auth;

/// <summary>API keys in the shared PostgreSQL database, as <see cref="SqliteApiKeyStore"/> keeps them (hashed, constant-time checks).</summary>
internal sealed class PostgresApiKeyStore : IApiKeyStore, IAsyncDisposable
{
    private static readonly IReadOnlyList<SchemaMigration> Migrations =
    [
        new(1, """
            CREATE TABLE api_keys (
                id text PRIMARY KEY,
                name text NOT NULL,
                role text NOT NULL,
                hash text NOT NULL,
                created_at bigint NOT NULL,
                revoked_at bigint
            );
            """),
    ];

    private readonly PostgresDatabase _database;
    private readonly TimeProvider _timeProvider;

    public PostgresApiKeyStore(IOptions<PostgresBugStoreOptions> options, TimeProvider timeProvider)
    {
        _database = new PostgresDatabase(options.Value.ConnectionString, "api_keys", Migrations);
        _timeProvider = timeProvider;
    }

    public async Task<CreatedApiKey> CreateAsync(string name, ApiKeyRole role, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var (id, key) = ApiKeyFormat.New();
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("INSERT INTO api_keys (id, name, role, hash, created_at) VALUES (@id, @name, @role, @hash, @at)", cancellationToken,
            ("id", id), ("name", name.Trim()), ("role", role.ToString().ToLowerInvariant()), ("hash", ApiKeyFormat.Hash(key)), ("at", now)).ConfigureAwait(false);
        return new CreatedApiKey(new ApiKeyInfo(id, name.Trim(), role, DateTimeOffset.FromUnixTimeMilliseconds(now), null), key);
    }

    public async Task<ApiKeyInfo?> FindAsync(string presentedKey, CancellationToken cancellationToken = default)
    {
        if (ApiKeyFormat.IdOf(presentedKey) is not { } id)
        {
            return null;
        }
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Create("SELECT id, name, role, hash, created_at, revoked_at FROM api_keys WHERE id = @id AND revoked_at IS NULL", ("id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && ApiKeyFormat.Matches(reader.GetString(3), presentedKey) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(bool includeRevoked = false, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Create(
            "SELECT id, name, role, hash, created_at, revoked_at FROM api_keys WHERE @all OR revoked_at IS NULL ORDER BY created_at DESC, id", ("all", includeRevoked));
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
        return await connection.ExecuteAsync("UPDATE api_keys SET revoked_at = @at WHERE id = @id AND revoked_at IS NULL", cancellationToken,
            ("id", id), ("at", _timeProvider.GetUtcNow().ToUnixTimeMilliseconds())).ConfigureAwait(false) > 0;
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private static ApiKeyInfo Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        Enum.Parse<ApiKeyRole>(reader.GetString(2), ignoreCase: true),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
        reader.IsDBNull(5) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)));
}
