namespace SelfHeal.Server.Auth;

/// <summary>A new key: <see cref="Key"/> is shown once and never stored.</summary>
public sealed record CreatedApiKey(ApiKeyInfo Info, string Key);
