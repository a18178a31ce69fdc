using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using SelfHeal.Reports;

namespace SelfHeal.Runs;

/// <summary>The one JSON shape of persisted events and of <c>--json</c> output: camelCase, enums as strings.</summary>
public static class RunJson
{
    /// <summary>
    /// The stored shape (run log, bug store). It alone also keeps what is stored but never shown
    /// (<see cref="BugReport.ReplyTo"/>); never use it for output.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    /// <summary>The shown shape (<c>--json</c>, report files): without the stored-only fields.</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        if (!indented)
        {
            options.TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { KeepStoredOnlyFields } };
        }
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Adds <see cref="BugReport.ReplyTo"/> (<c>[JsonIgnore]</c> everywhere else) back to the stored shape.</summary>
    private static void KeepStoredOnlyFields(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type != typeof(BugReport) || typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }
        var replyTo = typeof(BugReport).GetProperty(nameof(BugReport.ReplyTo))!;
        // The ignored property is in the contract, switched off: replace it with one that reads and writes.
        foreach (var ignored in typeInfo.Properties.Where(p => p.Name == "replyTo").ToList())
        {
            typeInfo.Properties.Remove(ignored);
        }
        var property = typeInfo.CreateJsonPropertyInfo(typeof(string), "replyTo");
        property.Get = report => ((BugReport)report).ReplyTo;
        property.Set = (report, value) => replyTo.SetValue(report, value);
        property.ShouldSerialize = (_, value) => value is not null;
        typeInfo.Properties.Add(property);
    }
}
