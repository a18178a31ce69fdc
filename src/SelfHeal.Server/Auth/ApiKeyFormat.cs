using System.Security.Cryptography;
using System.Text;

namespace SelfHeal.Server.Auth;

/// <summary>
/// The shape of a key, <c>shk_{id}_{secret}</c> (a 10-character id and 32 random bytes, base64url), and its stored
/// form: the SHA-256 of the whole key, compared with <see cref="CryptographicOperations.FixedTimeEquals"/>.
/// </summary>
internal static class ApiKeyFormat
{
    private const string Prefix = "shk_";
    private const string IdAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    public static (string Id, string Key) New()
    {
        var id = RandomNumberGenerator.GetString(IdAlphabet, 10);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (id, $"{Prefix}{id}_{secret}");
    }

    /// <summary>The id of a presented key, or <see langword="null"/> when it does not have a key's shape.</summary>
    public static string? IdOf(string? presentedKey)
    {
        if (presentedKey is not { Length: > 0 and < 256 } || !presentedKey.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var end = presentedKey.IndexOf('_', Prefix.Length);
        return end < 0 ? null : presentedKey[Prefix.Length..end];
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static bool Matches(string storedHash, string presentedKey) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(storedHash), Encoding.ASCII.GetBytes(Hash(presentedKey)));
}
