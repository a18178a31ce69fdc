namespace SelfHeal.Server.Auth;

/// <summary>Claims of a caller authenticated by API key.</summary>
public static class ApiKeyClaims
{
    /// <summary>The key's id (never the key itself).</summary>
    public const string KeyId = "selfheal:key_id";
}
