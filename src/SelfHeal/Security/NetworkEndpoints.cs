using System.Net;
using System.Text.RegularExpressions;

namespace SelfHeal.Security;

/// <summary>Finds URL hosts and IP literals in text, so a patch's new endpoints can be told from ones the file already had.</summary>
internal static partial class NetworkEndpoints
{
    // Hosts that name formats and documentation, not services a program talks to.
    private static readonly HashSet<string> Ignored = new(StringComparer.OrdinalIgnoreCase)
    {
        "localhost", "127.0.0.1", "0.0.0.0", "::1", "example.com", "example.org", "example.net",
        "www.w3.org", "schemas.microsoft.com", "schemas.xmlsoap.org", "json-schema.org", "www.apache.org", "opensource.org",
    };

    /// <summary>The endpoints in <paramref name="text"/>: lower-cased URL hosts and IP literals.</summary>
    public static IEnumerable<string> In(string text)
    {
        foreach (Match match in Url().Matches(text))
        {
            var host = match.Groups["host"].Value.ToLowerInvariant().Trim('[', ']');
            if (!Ignored.Contains(host) && !host.EndsWith(".example", StringComparison.Ordinal))
            {
                yield return host;
            }
        }
        foreach (Match match in Ipv4().Matches(text))
        {
            if (IPAddress.TryParse(match.Value, out _) && match.Value.Split('.').All(o => o.Length == 1 || o[0] != '0') && !Ignored.Contains(match.Value))
            {
                yield return match.Value;
            }
        }
    }

    [GeneratedRegex(@"\b(?:https?|wss?|ftp)://(?:[^\s/@""'`]+@)?(?<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    // An address, not a version: no letter, dot or digit right before or after it.
    [GeneratedRegex(@"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?![\w.])")]
    private static partial Regex Ipv4();
}
