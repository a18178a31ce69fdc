using System.Text;

namespace SelfHeal.Llm.Safety;

/// <summary>
/// Spotlighting by datamarking (Hines et al., 2024): untrusted text is put between named delimiters and every
/// whitespace run inside it is replaced by <see cref="Marker"/>, so the model can tell, word by word, what is data.
/// The system prompts explain the convention. Sanitize first (<see cref="UntrustedText.Sanitize"/>), which removes
/// the marker and the delimiters from the text so it cannot forge them.
/// </summary>
public static class Spotlight
{
    /// <summary>The datamark: U+02C6 MODIFIER LETTER CIRCUMFLEX ACCENT.</summary>
    public const char Marker = 'ˆ';

    /// <summary><paramref name="sanitized"/> datamarked and wrapped in <c>&lt;untrusted source="..."&gt;</c> delimiters.</summary>
    public static string Mark(string source, string sanitized)
    {
        ArgumentNullException.ThrowIfNull(sanitized);
        var builder = new StringBuilder(sanitized.Length + 64);
        builder.Append("<untrusted source=\"").Append(source).Append("\">\n");
        var inSpace = false;
        foreach (var c in sanitized)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!inSpace)
                {
                    builder.Append(Marker);
                }
                inSpace = true;
                continue;
            }
            inSpace = false;
            builder.Append(c);
        }
        return builder.Append("\n</untrusted>").ToString();
    }

    /// <summary>
    /// <paramref name="sanitized"/> wrapped in <c>&lt;untrusted source="..."&gt;</c> delimiters without datamarking, for text
    /// whose whitespace matters (command output, code). Sanitize it with <see cref="UntrustedText.SanitizeVerbatim"/> first,
    /// which takes the delimiters out so the text cannot close the block early.
    /// </summary>
    public static string Delimit(string source, string sanitized)
    {
        ArgumentNullException.ThrowIfNull(sanitized);
        return $"<untrusted source=\"{source}\">\n{sanitized}\n</untrusted>";
    }
}
