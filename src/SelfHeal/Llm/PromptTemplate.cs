using System.Text;

namespace SelfHeal.Llm;

/// <summary>A prompt template.</summary>
/// <param name="Version">Bumped whenever the text changes, and recorded with every call made with it.</param>
public sealed record PromptTemplate(string Name, int Version, string Text)
{
    /// <summary><c>name@vN</c>, as recorded in the transcript.</summary>
    public string Label => $"{Name}@v{Version}";

    /// <summary>The text with each <c>{{key}}</c> replaced. Values are inserted as they are and never re-scanned for placeholders.</summary>
    public string Render(IReadOnlyDictionary<string, string>? values = null)
    {
        var builder = new StringBuilder(Text.Length * 2);
        var at = 0;
        while (at < Text.Length)
        {
            var open = Text.IndexOf("{{", at, StringComparison.Ordinal);
            if (open < 0)
            {
                builder.Append(Text, at, Text.Length - at);
                break;
            }
            var close = Text.IndexOf("}}", open, StringComparison.Ordinal);
            var key = close < 0 ? null : Text[(open + 2)..close];
            if (key is null || values is null || !values.TryGetValue(key, out var value))
            {
                throw new InvalidOperationException($"The prompt '{Name}' needs a value for '{key}'.");
            }
            builder.Append(Text, at, open - at).Append(value);
            at = close + 2;
        }
        return builder.ToString();
    }
}
