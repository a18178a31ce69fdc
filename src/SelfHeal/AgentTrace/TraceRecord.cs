using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SelfHeal.AgentTrace;

/// <summary>
/// One Agent Trace record (the open Agent Trace specification, 0.1.0): which lines of which files a
/// revision's author wrote, and who that author was. Field names are the specification's.
/// </summary>
public sealed record TraceRecord(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("timestamp")] string Timestamp,
    [property: JsonPropertyName("files")] IReadOnlyList<TraceFile> Files)
{
    /// <summary>
    /// The record format version written. The specification's schema requires <c>MAJOR.MINOR</c>
    /// (<c>^[0-9]+\.[0-9]+$</c>), so specification 0.1.0 records carry <c>0.1</c>.
    /// </summary>
    public const string CurrentVersion = "0.1";

    /// <summary>The key of SelfHeal's own data under <see cref="Metadata"/> (reverse-domain, as the specification asks).</summary>
    public const string MetadataKey = "dev.selfheal";

    [JsonPropertyName("vcs")]
    public TraceVcs? Vcs { get; init; }

    [JsonPropertyName("tool")]
    public TraceTool? Tool { get; init; }

    [JsonPropertyName("metadata")]
    public JsonObject? Metadata { get; init; }
}

public sealed record TraceVcs([property: JsonPropertyName("type")] string Type, [property: JsonPropertyName("revision")] string Revision);

public sealed record TraceTool([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("version")] string Version);

public sealed record TraceFile([property: JsonPropertyName("path")] string Path, [property: JsonPropertyName("conversations")] IReadOnlyList<TraceConversation> Conversations);

public sealed record TraceConversation([property: JsonPropertyName("ranges")] IReadOnlyList<TraceRange> Ranges)
{
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    [JsonPropertyName("contributor")]
    public TraceContributor? Contributor { get; init; }

    [JsonPropertyName("related")]
    public IReadOnlyList<TraceRelated>? Related { get; init; }
}

/// <param name="Type"><c>human</c>, <c>ai</c>, <c>mixed</c> or <c>unknown</c>.</param>
public sealed record TraceContributor([property: JsonPropertyName("type")] string Type)
{
    /// <summary><c>provider/model</c> (models.dev convention), e.g. <c>openai/gpt-4.1</c> or <c>selfheal/csharp-templates</c>.</summary>
    [JsonPropertyName("model_id")]
    public string? ModelId { get; init; }
}

public sealed record TraceRange([property: JsonPropertyName("start_line")] int StartLine, [property: JsonPropertyName("end_line")] int EndLine)
{
    /// <summary><c>sha256:</c> over the range's lines with surrounding whitespace trimmed, so it survives moves and re-indentation.</summary>
    [JsonPropertyName("content_hash")]
    public string? ContentHash { get; init; }

    [JsonPropertyName("contributor")]
    public TraceContributor? Contributor { get; init; }
}

public sealed record TraceRelated([property: JsonPropertyName("type")] string Type, [property: JsonPropertyName("url")] string Url);
