using System.Text.RegularExpressions;

namespace SelfHeal.StackTraces;

/// <summary>
/// A text split into lines once, for every parser: line ends of any platform, trailing whitespace trimmed, each
/// line cut at <see cref="StackTraceLimits.MaxLineLength"/>, terminal colour codes and the per-line prefixes that
/// CI logs add (GitHub Actions timestamps, xUnit's <c>[xUnit.net 00:00:00.27]</c>, Docker Compose's <c>web-1  | </c>) removed. Texts over
/// <see cref="StackTraceLimits.MaxChars"/> characters or <see cref="StackTraceLimits.MaxLines"/> lines keep their head and tail.
/// </summary>
internal sealed partial class TextLines
{
    private readonly List<string> _lines;

    private TextLines(List<string> lines) => _lines = lines;

    public int Count => _lines.Count;

    public string this[int index] => _lines[index];

    public static TextLines From(string? text)
    {
        var lines = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return new TextLines(lines);
        }
        // Logs put the failure at the end as often as at the start; the middle of a huge text is the least likely place.
        if (text.Length <= StackTraceLimits.MaxChars)
        {
            AddRegion(text, lines, StackTraceLimits.MaxLines);
        }
        else
        {
            const int half = StackTraceLimits.MaxChars / 2;
            AddRegion(text.AsSpan(0, half), lines, StackTraceLimits.MaxLines / 2);
            AddRegion(text.AsSpan(text.Length - half), lines, StackTraceLimits.MaxLines / 2);
        }
        return new TextLines(lines);
    }

    /// <summary>Splits <paramref name="region"/>, keeping only its first and last lines when it has more than <paramref name="budget"/>.</summary>
    private static void AddRegion(ReadOnlySpan<char> region, List<string> lines, int budget)
    {
        if (Math.Max(region.Count('\n'), region.Count('\r')) < budget)
        {
            Split(region, lines);
            return;
        }
        var headEnd = 0;
        for (var k = 0; k < budget / 2; k++)
        {
            var next = region[headEnd..].IndexOfAny('\r', '\n');
            if (next < 0)
            {
                break;
            }
            headEnd += next + 1;
        }
        var tailStart = region.Length;
        for (var k = 0; k < budget / 2 && tailStart > 1; k++)
        {
            var previous = region[..(tailStart - 1)].LastIndexOfAny('\r', '\n');
            if (previous < 0)
            {
                break;
            }
            tailStart = previous + 1;
        }
        Split(region[..headEnd], lines);
        Split(region[Math.Max(tailStart, headEnd)..], lines);
    }

    private static void Split(ReadOnlySpan<char> text, List<string> lines)
    {
        while (true)
        {
            var end = text.IndexOfAny('\r', '\n');
            if (end < 0)
            {
                lines.Add(Clean(text));
                return;
            }
            lines.Add(Clean(text[..end]));
            var next = text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n' ? end + 2 : end + 1;
            text = text[next..];
        }
    }

    private static string Clean(ReadOnlySpan<char> line)
    {
        if (line.Length > StackTraceLimits.MaxLineLength)
        {
            line = line[..StackTraceLimits.MaxLineLength];
        }
        string? withoutColors = null;
        if (line.Contains('\u001b'))
        {
            withoutColors = RegexGuard.Replace(AnsiEscape, line.ToString(), "");
            line = withoutColors;
        }
        if (line.Length > 0 && (char.IsAsciiDigit(line[0]) || line[0] == '['))
        {
            line = line[PrefixLength(LogPrefix, line)..];
        }
        if (line.Length > 0 && char.IsAsciiLetterOrDigit(line[0]) && line[..Math.Min(line.Length, 80)].Contains(" | ", StringComparison.Ordinal))
        {
            line = line[PrefixLength(ComposePrefix, line)..];
        }
        line = line.TrimEnd();
        return withoutColors is not null && line.Length == withoutColors.Length ? withoutColors : line.ToString();
    }

    private static int PrefixLength(Regex prefix, ReadOnlySpan<char> line)
    {
        try
        {
            foreach (var match in prefix.EnumerateMatches(line))
            {
                return match.Length;
            }
        }
        catch (RegexMatchTimeoutException)
        {
        }
        return 0;
    }

    [GeneratedRegex(@"^(?:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z |\[xUnit\.net \d\d:\d\d:\d\d\.\d{1,7}\] )", RegexOptions.CultureInvariant, StackTraceLimits.RegexTimeoutMilliseconds)]
    private static partial Regex LogPrefix { get; }

    /// <summary>Docker Compose's service prefix: <c>web-1  | </c>.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9][\w.-]{0,62}\s+\| ", RegexOptions.CultureInvariant, StackTraceLimits.RegexTimeoutMilliseconds)]
    private static partial Regex ComposePrefix { get; }

    /// <summary>Terminal colour and cursor sequences that test runners print when they think they write to a terminal.</summary>
    [GeneratedRegex(@"\u001b\[[0-9;?]*[A-Za-z]", RegexOptions.CultureInvariant, StackTraceLimits.RegexTimeoutMilliseconds)]
    private static partial Regex AnsiEscape { get; }
}
