using System.Text;
using System.Text.RegularExpressions;

namespace SelfHeal.Security;

/// <summary>
/// Finds secrets in text, including ones hidden with look-alike or invisible characters, base64 encoding,
/// or split across adjacent string literals. Stateless and thread-safe.
/// </summary>
internal static partial class SecretDetector
{
    private const int MinimumBase64Length = 20;

    /// <summary>Secrets written plainly in <paramref name="text"/>, with their positions (for redaction).</summary>
    public static IEnumerable<SecretMatch> FindPlain(string text)
    {
        var found = new List<SecretMatch>();
        foreach (var rule in SecretRules.All)
        {
            MatchCollection matches;
            try
            {
                matches = rule.Pattern.Matches(text);
                _ = matches.Count;
            }
            catch (RegexMatchTimeoutException)
            {
                // Fail closed: text that cannot be checked in time is treated as all secret.
                return [new SecretMatch(rule, 0, text.Length, "too long to check in time")];
            }
            foreach (Match match in matches)
            {
                var value = match.Groups[rule.ValueGroup];
                // A provider rule names the secret better than the generic one: skip generic matches over the same span.
                var overlaps = found.Any(f => f.Index < value.Index + value.Length && value.Index < f.Index + f.Length);
                if (!overlaps && (rule.IsValid is null || rule.IsValid(value.Value)))
                {
                    found.Add(new SecretMatch(rule, value.Index, value.Length, null));
                }
            }
        }
        return found;
    }

    /// <summary>Every secret in <paramref name="text"/>: plain, behind Unicode tricks, or base64-encoded.</summary>
    public static IEnumerable<SecretMatch> Find(string text)
    {
        var plain = FindPlain(text).ToList();
        var found = plain.Select(m => m.Rule.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var match in plain)
        {
            yield return match;
        }
        var folded = UnicodeFolding.Fold(text);
        if (!string.Equals(folded, text, StringComparison.Ordinal))
        {
            foreach (var match in FindPlain(folded).Where(m => found.Add(m.Rule.Id)))
            {
                yield return match with { Evasion = "hidden with look-alike or invisible characters" };
            }
        }
        foreach (var (token, decoded) in Base64Literals(folded))
        {
            foreach (var match in FindPlain(decoded).Where(m => found.Add(m.Rule.Id)))
            {
                yield return match with { Index = token.Index, Length = token.Length, Evasion = "base64-encoded" };
            }
        }
    }

    /// <summary>The contents of the string literals of <paramref name="code"/>, concatenated in order.</summary>
    public static string JoinLiterals(string code)
    {
        var builder = new StringBuilder();
        foreach (Match match in StringLiteral().Matches(code))
        {
            builder.Append(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Success ? match.Groups[2].Value : match.Groups[3].Value);
        }
        return builder.ToString();
    }

    /// <summary>Base64-looking tokens of at least 20 characters whose decoding is mostly printable text.</summary>
    public static IEnumerable<(Capture Token, string Decoded)> Base64Literals(string text)
    {
        foreach (Match match in Base64Token().Matches(text))
        {
            var decoded = TryDecode(match.Value);
            if (decoded is not null)
            {
                yield return (match, decoded);
            }
        }
    }

    private static string? TryDecode(string token)
    {
        var standard = token.Replace('-', '+').Replace('_', '/').TrimEnd('=');
        standard = standard.PadRight(standard.Length + ((4 - (standard.Length % 4)) % 4), '=');
        var buffer = new byte[standard.Length];
        if (!Convert.TryFromBase64String(standard, buffer, out var written) || written == 0)
        {
            return null;
        }
        var printable = buffer.Take(written).Count(b => b is >= 0x20 and < 0x7F or (byte)'\n' or (byte)'\r' or (byte)'\t');
        return printable >= written * 0.9 ? Encoding.UTF8.GetString(buffer, 0, written) : null;
    }

    [GeneratedRegex("\"((?:[^\"\\\\]|\\\\.)*)\"|'((?:[^'\\\\]|\\\\.)*)'|`([^`]*)`")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"[A-Za-z0-9+/_-]{20,}={0,2}")]
    private static partial Regex Base64Token();
}
