using System.Data.Common;
using SelfHeal.Storage;

namespace SelfHeal.Server.Auth;

/// <summary>
/// API keys in a database table <c>api_keys</c>, in the <see cref="ApiKeyFormat"/>: only the SHA-256 of a key is
/// stored; a presented key is looked up by its id and its hash compared in constant time. The SQL is the same on
/// SQLite and PostgreSQL; a subclass supplies the connection (and with it the table's schema).
/// </summary>
internal abstract class DbApiKeyStore : IApiKeyStore
{
    private const string Columns = "id, name, role, hash, created_at, revoked_at";

    private readonly TimeProvider _timeProvider;

    protected DbApiKeyStore(TimeProvider timeProvider) => _timeProvider = timeProvider;

    /// <summary>An open connection with the <c>api_keys</c> table current.</summary>
    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    public async Task<CreatedApiKey> CreateAsync(string name, ApiKeyRole role, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var (id, key) = ApiKeyFormat.New();
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.NonQueryAsync(null, "INSERT INTO api_keys (id, name, role, hash, created_at) VALUES (@id, @name, @role, @hash, @at)", cancellationToken,
            ("@id", id), ("@name", name.Trim()), ("@role", role.ToString().ToLowerInvariant()), ("@hash", ApiKeyFormat.Hash(key)), ("@at", now)).ConfigureAwait(false);
        return new CreatedApiKey(new ApiKeyInfo(id, name.Trim(), role, DateTimeOffset.FromUnixTimeMilliseconds(now), null), key);
    }

    public async Task<ApiKeyInfo?> FindAsync(string presentedKey, CancellationToken cancellationToken = default)
    {
        if (ApiKeyFormat.IdOf(presentedKey) is not { } id)
        {
            return null;
        }
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(null, $"SELECT {Columns} FROM api_keys WHERE id = @id AND revoked_at IS NULL", ("@id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && ApiKeyFormat.Matches(reader.GetString(3), presentedKey) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(bool includeRevoked = false, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(null,
            $"SELECT {Columns} FROM api_keys WHERE @all = 1 OR revoked_at IS NULL ORDER BY created_at DESC, id", ("@all", includeRevoked ? 1 : 0));
        return await command.RowsAsync(Read, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.NonQueryAsync(null, "UPDATE api_keys SET revoked_at = @at WHERE id = @id AND revoked_at IS NULL", cancellationToken,
            ("@id", id), ("@at", _timeProvider.GetUtcNow().ToUnixTimeMilliseconds())).ConfigureAwait(false) > 0;
    }

    private static ApiKeyInfo Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        Enum.Parse<ApiKeyRole>(reader.GetString(2), ignoreCase: true),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
        reader.IsDBNull(5) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)));
}
