using System.Text;

namespace SelfHeal.Cli.Rendering;

/// <summary>
/// Makes untrusted text (test output, log lines, report titles) safe to print: control characters,
/// including terminal escape sequences, are removed, and long text is cut.
/// </summary>
internal static class SafeText
{
    public static string Clean(string? text, int maxLength = 500)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var builder = new StringBuilder(Math.Min(text.Length, maxLength + 1));
        foreach (var c in text)
        {
            if (builder.Length >= maxLength)
            {
                builder.Append('…');
                break;
            }
            if (c == '\n' || c == '\t' || !char.IsControl(c))
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    /// <summary>The first non-empty line of <paramref name="text"/>, cleaned.</summary>
    public static string FirstLine(string? text, int maxLength = 160) =>
        Clean((text ?? "").Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "", maxLength);
}
