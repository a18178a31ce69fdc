using System.Security.Cryptography;

namespace SelfHeal.Runs;

/// <summary>Run ids: sortable by creation time, short enough to type (<c>20261123-105722-k3f9</c>).</summary>
public static class RunId
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    public static string New(TimeProvider timeProvider)
    {
        var now = timeProvider.GetUtcNow();
        Span<char> suffix = stackalloc char[4];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
        return $"{now:yyyyMMdd-HHmmss}-{suffix}";
    }

    /// <summary>Whether <paramref name="value"/> has the shape of a run id (safe to use in paths and branch names).</summary>
    public static bool IsWellFormed(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
