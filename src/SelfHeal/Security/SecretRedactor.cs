using System.Text;
using System.Text.Json.Nodes;

namespace SelfHeal.Security;

/// <summary>
/// Replaces secrets (the same rules as <see cref="DiffSecurityScanner"/>) with <c>[REDACTED:rule-id]</c> before
/// text is stored or shown. Text that hides a secret behind look-alike characters is returned in its folded
/// (ASCII) form with the secret redacted; a base64 token that decodes to a secret is redacted whole.
/// Stateless and thread-safe.
/// </summary>
public sealed class SecretRedactor
{
    public static SecretRedactor Instance { get; } = new();

    /// <summary><paramref name="text"/> with every secret replaced.</summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var redacted = Replace(text, SecretDetector.FindPlain(text));
        var folded = UnicodeFolding.Fold(redacted);
        if (!string.Equals(folded, redacted, StringComparison.Ordinal) && SecretDetector.FindPlain(folded).Any())
        {
            redacted = Replace(folded, SecretDetector.FindPlain(folded));
        }
        var encoded = SecretDetector.Base64Literals(redacted)
            .Where(t => SecretDetector.FindPlain(t.Decoded).Any())
            .Select(t => new SecretMatch(SecretDetector.FindPlain(t.Decoded).First().Rule, t.Token.Index, t.Token.Length, "base64-encoded"));
        return Replace(redacted, encoded);
    }

    /// <summary>A copy of <paramref name="node"/> with every string value redacted (property names are kept).</summary>
    public JsonNode? Redact(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Redact(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Redact)]),
        JsonValue value when value.TryGetValue<string>(out var text) => JsonValue.Create(Redact(text)),
        _ => node.DeepClone(),
    };

    private static string Replace(string text, IEnumerable<SecretMatch> matches)
    {
        var ordered = matches.OrderBy(m => m.Index).ThenByDescending(m => m.Length).ToList();
        if (ordered.Count == 0)
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        var position = 0;
        foreach (var match in ordered.Where(m => m.Index >= 0))
        {
            if (match.Index < position)
            {
                // Overlaps a span already redacted: extend the redaction over its tail.
                position = Math.Max(position, match.Index + match.Length);
                continue;
            }
            builder.Append(text, position, match.Index - position).Append("[REDACTED:").Append(match.Rule.Id).Append(']');
            position = match.Index + match.Length;
        }
        return builder.Append(text, position, text.Length - position).ToString();
    }
}
