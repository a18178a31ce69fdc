using System.Text.RegularExpressions;

namespace SelfHeal.Security;

/// <summary>
/// Builds the scanner's patterns to run in linear time (<see cref="RegexOptions.NonBacktracking"/>) whenever the
/// pattern allows it, so a crafted line or a megabyte of log output cannot stall a scan or a redaction. Patterns
/// with lookarounds fall back to the backtracking engine under a timeout.
/// </summary>
internal static class SecurityRegex
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public static Regex Create(string pattern)
    {
        const RegexOptions options = RegexOptions.CultureInvariant;
        try
        {
            return new Regex(pattern, options | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            return new Regex(pattern, options | RegexOptions.Compiled, Timeout);
        }
    }
}
