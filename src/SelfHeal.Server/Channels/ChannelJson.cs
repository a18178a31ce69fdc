using System.Globalization;
using System.Text.Json;

namespace SelfHeal.Server.Channels;

/// <summary>Reading webhook JSON defensively: bounded depth, missing or mistyped fields read as absent.</summary>
internal static class ChannelJson
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64, CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false };

    /// <summary>The parsed body, or an error that says where it broke.</summary>
    public static JsonDocument? TryParse(byte[] body, out string? error)
    {
        try
        {
            var document = JsonDocument.Parse(body, Options);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                error = "The body must be a JSON object.";
                return null;
            }
            error = null;
            return document;
        }
        catch (JsonException e)
        {
            error = $"The body is not valid JSON ({e.Message.Split(" Path:")[0].TrimEnd('.')}, line {(e.LineNumber ?? 0) + 1}).";
            return null;
        }
    }

    public static JsonElement? Get(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? value
            : null;

    public static JsonElement? Get(this JsonElement? element, string name) => element is { } e ? e.Get(name) : null;

    /// <summary>A string property; numbers are given as their text.</summary>
    public static string? Str(this JsonElement? element, string name) => element.Get(name) switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        _ => null,
    };

    public static string? Str(this JsonElement element, string name) => ((JsonElement?)element).Str(name);

    public static int? Int(this JsonElement? element, string name) =>
        element.Get(name) is { ValueKind: JsonValueKind.Number } n && n.TryGetInt32(out var value) ? value : null;

    public static IEnumerable<JsonElement> Array(this JsonElement? element, string name) =>
        element.Get(name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    public static DateTimeOffset? Time(this JsonElement? element, string name) =>
        element.Str(name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
}
