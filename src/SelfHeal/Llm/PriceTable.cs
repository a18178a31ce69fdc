using System.Text.Json;

namespace SelfHeal.Llm;

/// <summary>
/// What model tokens cost, in US dollars per million tokens, keyed by <c>provider:model</c> with
/// <c>provider:*</c> as a provider's fallback. The embedded defaults (<c>prices.json</c>) can be overridden
/// entry by entry from a file of the same shape. Immutable and thread-safe.
/// </summary>
public sealed class PriceTable
{
    private readonly Dictionary<string, ModelPrice> _prices;

    private PriceTable(Dictionary<string, ModelPrice> prices) => _prices = prices;

    /// <summary>The embedded defaults.</summary>
    public static PriceTable Default { get; } = new(ReadEmbedded());

    /// <summary>The defaults with the entries of <paramref name="json"/> on top. Throws <see cref="FormatException"/> with the bad entry named.</summary>
    public PriceTable With(string json)
    {
        var merged = new Dictionary<string, ModelPrice>(_prices, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, price) in Parse(json))
        {
            merged[key] = price;
        }
        return new PriceTable(merged);
    }

    /// <summary>The price of <paramref name="model"/>: its own entry, else its provider's fallback, else free.</summary>
    public ModelPrice PriceOf(ModelSpec model) =>
        _prices.TryGetValue(model.ToString(), out var price) ? price
        : _prices.TryGetValue(model.Provider + ":*", out var fallback) ? fallback
        : ModelPrice.Free;

    /// <summary>What <paramref name="inputTokens"/> in and <paramref name="outputTokens"/> out cost with <paramref name="model"/>.</summary>
    public decimal CostOf(ModelSpec model, long inputTokens, long outputTokens)
    {
        var price = PriceOf(model);
        return (inputTokens * price.InputPerMillion + outputTokens * price.OutputPerMillion) / 1_000_000m;
    }

    private static Dictionary<string, ModelPrice> ReadEmbedded()
    {
        using var stream = typeof(PriceTable).Assembly.GetManifestResourceStream("SelfHeal.Llm.prices.json")
            ?? throw new InvalidOperationException("The embedded price table is missing from the build.");
        using var reader = new StreamReader(stream);
        return new Dictionary<string, ModelPrice>(Parse(reader.ReadToEnd()), StringComparer.OrdinalIgnoreCase);
    }

    private static IEnumerable<KeyValuePair<string, ModelPrice>> Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The price table is not valid JSON: {ex.Message}", ex);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("The price table must be a JSON object: { \"provider:model\": { \"input\": 2.5, \"output\": 10 } }.");
            }
            var result = new List<KeyValuePair<string, ModelPrice>>();
            foreach (var entry in document.RootElement.EnumerateObject().Where(e => !e.Name.StartsWith('_')))
            {
                if (entry.Value.ValueKind != JsonValueKind.Object
                    || !entry.Value.TryGetProperty("input", out var input) || !input.TryGetDecimal(out var inputPrice) || inputPrice < 0
                    || !entry.Value.TryGetProperty("output", out var output) || !output.TryGetDecimal(out var outputPrice) || outputPrice < 0)
                {
                    throw new FormatException($"Price table entry '{entry.Name}' needs non-negative numbers \"input\" and \"output\" (US dollars per million tokens).");
                }
                result.Add(new(entry.Name, new ModelPrice(inputPrice, outputPrice)));
            }
            return result;
        }
    }
}
