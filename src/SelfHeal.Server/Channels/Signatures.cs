using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace SelfHeal.Server.Channels;

/// <summary>HMAC checks over raw bytes, compared with <see cref="CryptographicOperations.FixedTimeEquals"/>.</summary>
internal static class Signatures
{
    public static byte[] HmacSha256(string secret, ReadOnlySpan<byte> data) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data);

    /// <summary>Whether <paramref name="presentedHex"/> (hex, either case) is <paramref name="expected"/>, in constant time for a well-formed value.</summary>
    public static bool HexEquals(string? presentedHex, ReadOnlySpan<byte> expected)
    {
        if (presentedHex is null || presentedHex.Length != expected.Length * 2)
        {
            return false;
        }
        Span<byte> presented = stackalloc byte[expected.Length];
        var status = Convert.FromHexString(presentedHex, presented, out _, out var written);
        return status == OperationStatus.Done && written == expected.Length && CryptographicOperations.FixedTimeEquals(presented, expected);
    }

    /// <summary>Whether two strings are equal, compared as UTF-8 in constant time for equal lengths.</summary>
    public static bool TextEquals(string? presented, string expected) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));

    /// <summary>A stable id for a delivery that has none: the SHA-256 of its parts.</summary>
    public static string DigestId(params string[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))))[..32];
}
