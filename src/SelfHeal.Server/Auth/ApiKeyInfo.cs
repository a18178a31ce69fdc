namespace SelfHeal.Server.Auth;

/// <summary>An API key as stored: never the key itself, only its SHA-256.</summary>
/// <param name="Id">The key's public id, also its prefix (<c>shk_{id}_...</c>).</param>
/// <param name="Name">What the key is for, as its creator named it.</param>
public sealed record ApiKeyInfo(string Id, string Name, ApiKeyRole Role, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
