using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SelfHeal.Auditing;

/// <summary>The canonical serialization and hash of audit entries. Changing anything here invalidates every stored log.</summary>
public static class AuditHashing
{
    /// <summary>The previous hash of the first entry: 64 zeros.</summary>
    public static readonly string GenesisHash = new('0', 64);

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>UTC, 100 ns precision, fixed width: <c>2026-11-23T10:57:22.1234567Z</c>.</summary>
    public static string FormatTimestamp(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// SHA-256 over the UTF-8 of the JSON array
    /// <c>[sequence, timestamp, runId, actor, kind, summary, detail, previousHash]</c>, written without spaces.
    /// </summary>
    public static string ComputeHash(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(entry.Sequence);
            writer.WriteStringValue(FormatTimestamp(entry.Timestamp));
            writer.WriteStringValue(entry.RunId);
            writer.WriteStringValue(entry.Actor);
            writer.WriteStringValue(AuditEntryKinds.ToName(entry.Kind));
            writer.WriteStringValue(entry.Summary);
            writer.WriteRawValue(entry.Detail, skipInputValidation: false);
            writer.WriteStringValue(entry.PreviousHash);
            writer.WriteEndArray();
        }
        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    /// <summary>Canonical JSON of <paramref name="element"/>: object properties sorted by ordinal name, no whitespace, numbers as written.</summary>
    public static string Canonicalize(JsonElement element)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, element);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }
                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            default:
                writer.WriteRawValue(element.GetRawText());
                break;
        }
    }
}
