using System.Text.Json;

namespace SelfHeal.Llm;

/// <summary>
/// Reads the one JSON object a model was asked to answer with, tolerating a code fence or words around it.
/// Stateless and thread-safe.
/// </summary>
public static class StructuredOutput
{
    /// <summary>The object in <paramref name="text"/>, or <see langword="null"/> with <paramref name="error"/> saying what was wrong.</summary>
    public static JsonElement? ParseObject(string? text, out string? error)
    {
        error = null;
        var start = text?.IndexOf('{', StringComparison.Ordinal) ?? -1;
        var end = text?.LastIndexOf('}') ?? -1;
        if (text is null || start < 0 || end <= start)
        {
            error = "the answer holds no JSON object";
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(text.AsMemory(start, end - start + 1), new JsonDocumentOptions { AllowTrailingCommas = true, MaxDepth = 16 });
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            error = $"the answer's JSON does not parse ({ex.Message.Split('.')[0]})";
            return null;
        }
    }

    /// <summary>The string property <paramref name="name"/>, trimmed and capped, or <see langword="null"/> when absent or empty.</summary>
    public static string? String(JsonElement obj, string name, int maxLength) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Trim() is { Length: > 0 } text
            ? (text.Length > maxLength ? text[..maxLength] : text)
            : null;

    /// <summary>The strings of array property <paramref name="name"/> (non-strings skipped), at most <paramref name="maxItems"/>, each capped.</summary>
    public static IReadOnlyList<string> Strings(JsonElement obj, string name, int maxItems, int maxLength) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!.Trim()).Where(s => s.Length > 0)
                .Take(maxItems).Select(s => s.Length > maxLength ? s[..maxLength] : s)]
            : [];

    /// <summary>The number property <paramref name="name"/>, or <see langword="null"/>.</summary>
    public static double? Number(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) ? number : null;
}
