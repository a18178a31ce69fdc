namespace SelfHeal.Server.Auth;

/// <summary>API keys, stored hashed (SHA-256). Thread-safe; the schema is applied on first use.</summary>
public interface IApiKeyStore
{
    /// <summary>Makes a key with <paramref name="role"/>; the returned key is the only copy.</summary>
    Task<CreatedApiKey> CreateAsync(string name, ApiKeyRole role, CancellationToken cancellationToken = default);

    /// <summary>The unrevoked key that <paramref name="presentedKey"/> is, compared in constant time, or <see langword="null"/>.</summary>
    Task<ApiKeyInfo?> FindAsync(string presentedKey, CancellationToken cancellationToken = default);

    /// <summary>Every key, newest first; revoked ones too when <paramref name="includeRevoked"/>.</summary>
    Task<IReadOnlyList<ApiKeyInfo>> ListAsync(bool includeRevoked = false, CancellationToken cancellationToken = default);

    /// <summary>Revokes the key with <paramref name="id"/>; false when there is no such unrevoked key.</summary>
    Task<bool> RevokeAsync(string id, CancellationToken cancellationToken = default);
}
