using SelfHeal.Reports;

namespace SelfHeal.Server.Channels;

/// <summary>Shapes channel text to fit a <see cref="BugReport"/>.</summary>
internal static class ChannelText
{
    /// <summary>The first non-empty line, cut to the title limit; <paramref name="fallback"/> when there is none.</summary>
    public static string Title(string? text, string fallback)
    {
        var line = (text ?? "").Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? fallback;
        return line.Length <= BugReportValidator.MaxTitleLength ? line : line[..(BugReportValidator.MaxTitleLength - 1)] + "…";
    }

    /// <summary><paramref name="text"/> cut to <paramref name="max"/> characters, marked when cut; <see langword="null"/> when blank.</summary>
    public static string? Clip(string? text, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return text.Length <= max ? text : text[..(max - 20)] + "\n[... truncated]";
    }

    /// <summary>An absolute http(s) link, or nothing.</summary>
    public static IEnumerable<BugLink> Link(string title, string? url) =>
        url is { Length: > 0 and <= BugReportValidator.MaxUrlLength } && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? [new BugLink(title, url)]
            : [];
}
