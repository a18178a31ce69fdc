using System.Text.RegularExpressions;

namespace SelfHeal.StackTraces;

/// <summary>Matches that treat a timed-out match as no match, so hostile text cannot make a parser throw.</summary>
internal static class RegexGuard
{
    public static Match Match(Regex regex, string input)
    {
        try
        {
            return regex.Match(input);
        }
        catch (RegexMatchTimeoutException)
        {
            return System.Text.RegularExpressions.Match.Empty;
        }
    }

    public static bool IsMatch(Regex regex, string input)
    {
        try
        {
            return regex.IsMatch(input);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    public static string Replace(Regex regex, string input, string replacement)
    {
        try
        {
            return regex.Replace(input, replacement);
        }
        catch (RegexMatchTimeoutException)
        {
            return input;
        }
    }

    /// <summary>The group's value parsed as a positive line or column number, or <see langword="null"/>.</summary>
    public static int? Number(Group group) =>
        group.Success && int.TryParse(group.ValueSpan, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : null;
}
