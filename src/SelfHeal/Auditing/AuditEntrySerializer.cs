using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SelfHeal.Auditing;

/// <summary>One <see cref="AuditEntry"/> per line of JSON, fields in a fixed order.</summary>
internal static class AuditEntrySerializer
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    public static string ToLine(AuditEntry entry)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("sequence", entry.Sequence);
            writer.WriteString("timestamp", AuditHashing.FormatTimestamp(entry.Timestamp));
            writer.WriteString("runId", entry.RunId);
            writer.WriteString("actor", entry.Actor);
            writer.WriteString("kind", AuditEntryKinds.ToName(entry.Kind));
            writer.WriteString("summary", entry.Summary);
            writer.WritePropertyName("detail");
            writer.WriteRawValue(entry.Detail);
            writer.WriteString("previousHash", entry.PreviousHash);
            writer.WriteString("hash", entry.Hash);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads one line; returns the entry or why it is not one.</summary>
    public static (AuditEntry? Entry, string? Error) FromLine(string line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            return (null, $"not valid JSON ({e.Message})");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "not a JSON object");
            }
            if (!root.TryGetProperty("sequence", out var sequence) || !sequence.TryGetInt64(out var number))
            {
                return (null, "no numeric 'sequence'");
            }
            var strings = new Dictionary<string, string>();
            foreach (var name in new[] { "timestamp", "runId", "actor", "kind", "summary", "previousHash", "hash" })
            {
                if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
                {
                    return (null, $"no string '{name}'");
                }
                strings[name] = value.GetString()!;
            }
            if (!root.TryGetProperty("detail", out var detail))
            {
                return (null, "no 'detail'");
            }
            if (!AuditEntryKinds.TryParse(strings["kind"], out var kind))
            {
                return (null, $"unknown kind '{strings["kind"]}'");
            }
            if (!DateTimeOffset.TryParseExact(strings["timestamp"], "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var timestamp))
            {
                return (null, $"malformed timestamp '{strings["timestamp"]}'");
            }
            var entry = new AuditEntry(number, timestamp, strings["runId"], strings["actor"], kind, strings["summary"],
                AuditHashing.Canonicalize(detail), strings["previousHash"], strings["hash"]);
            return (entry, null);
        }
    }
}
