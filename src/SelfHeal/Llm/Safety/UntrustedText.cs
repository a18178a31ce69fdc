using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SelfHeal.Security;

namespace SelfHeal.Llm.Safety;

/// <summary>
/// Makes text from a report, a log or test output fit to show a model as data: invisible and direction-changing
/// characters, HTML comments, images and links removed (a link keeps its words), secrets redacted, the delimiters
/// and the datamark of <see cref="Spotlight"/> taken out so the text cannot fake them, and the length capped.
/// Stateless and thread-safe.
/// </summary>
public static partial class UntrustedText
{
    /// <summary>The sanitized form of <paramref name="text"/>, at most <paramref name="maxLength"/> characters.</summary>
    public static string Sanitize(string? text, int maxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var value = text.Length > maxLength * 4 ? text[..(maxLength * 4)] : text;
        value = HtmlComment().Replace(value, " ");
        value = UnclosedHtmlComment().Replace(value, " ");
        value = MarkdownImage().Replace(value, " ");
        value = HtmlTag().Replace(value, " ");
        value = MarkdownLink().Replace(value, "$1");
        value = BareUrl().Replace(value, "[link removed]");
        value = RemoveInvisible(value);
        value = value.Replace(Spotlight.Marker.ToString(), " ", StringComparison.Ordinal);
        value = Delimiter().Replace(value, "[tag removed]");
        value = SecretRedactor.Instance.Redact(value);
        if (value.Length > maxLength)
        {
            value = value[..maxLength] + " [truncated]";
        }
        return value.Trim();
    }

    /// <summary>
    /// The sanitized form of command output or source text that must keep its layout (a model copies lines from it into
    /// edits): invisible and direction-changing characters removed, secrets redacted, the delimiters and the datamark of
    /// <see cref="Spotlight"/> taken out. Whitespace, links and markup stay; the caller caps the length.
    /// </summary>
    public static string SanitizeVerbatim(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var value = RemoveInvisible(text.Replace("\r\n", "\n", StringComparison.Ordinal));
        value = value.Replace(Spotlight.Marker.ToString(), " ", StringComparison.Ordinal);
        value = Delimiter().Replace(value, "[tag removed]");
        return SecretRedactor.Instance.Redact(value);
    }

    /// <summary>Drops zero-width, bidirectional-override and other format characters, and controls other than tab and newline.</summary>
    public static string RemoveInvisible(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.Format || (category == UnicodeCategory.Control && c is not '\n' and not '\t') || c is '\u2028' or '\u2029')
            {
                continue;
            }
            builder.Append(c);
        }
        return builder.ToString();
    }

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline, 1000)]
    private static partial Regex HtmlComment();

    [GeneratedRegex(@"<!--.*\z", RegexOptions.Singleline, 1000)]
    private static partial Regex UnclosedHtmlComment();

    [GeneratedRegex(@"!\[[^\]\n]{0,500}\]\([^)\n]{0,2000}\)", RegexOptions.None, 1000)]
    private static partial Regex MarkdownImage();

    [GeneratedRegex(@"\[([^\]\n]{0,500})\]\([^)\n]{0,2000}\)", RegexOptions.None, 1000)]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"</?(?:img|a|iframe|script|style|svg|object|embed|link|meta)\b[^>]{0,2000}>", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"\b(?:https?|ftp|file|data|javascript):[^\s<>""')\]]+", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex BareUrl();

    [GeneratedRegex(@"</?\s*(?:untrusted|system|assistant|user|instructions?)[^>]{0,200}>", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex Delimiter();
}
