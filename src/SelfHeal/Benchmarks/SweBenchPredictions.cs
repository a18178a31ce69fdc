using System.Text.Json;
using System.Text.Json.Serialization;

namespace SelfHeal.Benchmarks;

/// <summary>
/// Writes predictions in SWE-bench's format, one JSON object per line: <c>instance_id</c>,
/// <c>model_name_or_path</c>, <c>model_patch</c> (empty when no fix was found, which the harness counts
/// as unresolved).
/// </summary>
public static class SweBenchPredictions
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(TextWriter writer, IEnumerable<BenchResult> results, string modelName)
    {
        foreach (var result in results)
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize(new Prediction(result.Id, modelName, result.Patch ?? ""), Options)).ConfigureAwait(false);
        }
    }

    private sealed record Prediction(
        [property: JsonPropertyName("instance_id")] string InstanceId,
        [property: JsonPropertyName("model_name_or_path")] string ModelNameOrPath,
        [property: JsonPropertyName("model_patch")] string ModelPatch);
}
