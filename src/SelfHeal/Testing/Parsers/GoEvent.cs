using System.Text.Json.Serialization;

namespace SelfHeal.Testing.Parsers;

/// <summary>One test2json event.</summary>
internal sealed record GoEvent(
    [property: JsonPropertyName("Action")] string? Action,
    [property: JsonPropertyName("Package")] string? Package,
    [property: JsonPropertyName("Test")] string? Test,
    [property: JsonPropertyName("Output")] string? Output,
    [property: JsonPropertyName("Elapsed")] double? Elapsed);

[JsonSerializable(typeof(GoEvent))]
internal sealed partial class GoEventJsonContext : JsonSerializerContext;
