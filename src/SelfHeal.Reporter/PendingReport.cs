using System.Text.Json.Serialization;

namespace SelfHeal.Reporter;

/// <summary>One report as the server's batch endpoint takes it; its key makes retries safe.</summary>
internal sealed record PendingReport(
    [property: JsonPropertyName("idempotencyKey")] string IdempotencyKey,
    [property: JsonPropertyName("report")] WireReport Report);

/// <summary>The fields of <c>POST /api/v1/bugs/batch</c>'s reports that the reporter fills.</summary>
internal sealed record WireReport
{
    [JsonPropertyName("title")]
    public required string Title { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("stackTrace")]
    public string? StackTrace { get; init; }

    [JsonPropertyName("log")]
    public string? Log { get; init; }

    [JsonPropertyName("severity")]
    public string? Severity { get; init; }

    [JsonPropertyName("source")]
    public string Source { get; init; } = "reporter";

    [JsonPropertyName("repository")]
    public string? Repository { get; init; }

    [JsonPropertyName("commit")]
    public string? Commit { get; init; }

    [JsonPropertyName("environment")]
    public Dictionary<string, string> Environment { get; init; } = [];

    [JsonPropertyName("labels")]
    public List<string> Labels { get; init; } = [];

    [JsonPropertyName("occurredAt")]
    public DateTimeOffset OccurredAt { get; init; }
}

[JsonSerializable(typeof(BatchRequest))]
[JsonSerializable(typeof(BatchResponse))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class ReporterJson : JsonSerializerContext;

internal sealed record BatchRequest([property: JsonPropertyName("reports")] IReadOnlyList<PendingReport> Reports);

internal sealed record BatchResponse
{
    [JsonPropertyName("accepted")]
    public int Accepted { get; init; }

    [JsonPropertyName("refused")]
    public int Refused { get; init; }

    [JsonPropertyName("results")]
    public List<BatchItemResult> Results { get; init; } = [];
}

internal sealed record BatchItemResult
{
    [JsonPropertyName("errors")]
    public Dictionary<string, string[]>? Errors { get; init; }
}
