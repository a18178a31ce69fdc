using NJsonSchema;

namespace SelfHeal.AgentTrace;

/// <summary>
/// The Agent Trace specification's JSON Schema for a trace record (<c>trace-record.schema.json</c>,
/// embedded as published), and validation against it.
/// </summary>
public static class TraceSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(Load);

    /// <summary>The problems of <paramref name="json"/> against the schema, each with its path; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(string json) =>
        [.. Schema.Value.Validate(json).Select(e => $"{(string.IsNullOrEmpty(e.Path) ? "#" : e.Path)}: {e.Kind}")];

    private static JsonSchema Load()
    {
        using var stream = typeof(TraceSchema).Assembly.GetManifestResourceStream("SelfHeal.AgentTrace.trace-record.schema.json")
            ?? throw new InvalidOperationException("The Agent Trace schema is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromJsonAsync(reader.ReadToEnd()).GetAwaiter().GetResult();
    }
}
