using System.Security.Cryptography;

namespace SelfHeal.Bugs;

/// <summary>Bug ids: sortable by creation day, short enough to type (<c>bug-20261123-k3f9ab</c>).</summary>
public static class BugId
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    public static string New(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        Span<char> suffix = stackalloc char[8];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
        return $"bug-{timeProvider.GetUtcNow():yyyyMMdd}-{suffix}";
    }

    /// <summary>Whether <paramref name="value"/> has the shape of a bug id.</summary>
    public static bool IsWellFormed(string? value) =>
        value is { Length: > 4 and <= 64 } && value.StartsWith("bug-", StringComparison.Ordinal) && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
