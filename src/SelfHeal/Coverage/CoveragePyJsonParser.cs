using System.Text.Json;
using SelfHeal.Testing.Running;

namespace SelfHeal.Coverage;

/// <summary>
/// Reads coverage.py's <c>coverage json --show-contexts</c> report into the lines each dynamic context executed
/// (<c>test_cart.TestCart.test_total</c> under <c>dynamic_context = test_function</c>). The empty context (code run
/// outside any test, such as imports) is left out; files outside the repository are dropped.
/// </summary>
internal static class CoveragePyJsonParser
{
    public static IReadOnlyDictionary<string, HashSet<SourceLine>> ParseContexts(string json, string repositoryRoot)
    {
        var contexts = new Dictionary<string, HashSet<SourceLine>>(StringComparer.Ordinal);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return contexts;
        }
        using (document)
        {
            if (!document.RootElement.TryGetProperty("files", out var files) || files.ValueKind != JsonValueKind.Object)
            {
                return contexts;
            }
            foreach (var file in files.EnumerateObject())
            {
                var path = RepositoryFiles.Relative(repositoryRoot, Path.Combine(repositoryRoot, file.Name));
                if (path is null || !file.Value.TryGetProperty("contexts", out var lineContexts) || lineContexts.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }
                foreach (var line in lineContexts.EnumerateObject())
                {
                    if (!int.TryParse(line.Name, out var number) || line.Value.ValueKind != JsonValueKind.Array)
                    {
                        continue;
                    }
                    foreach (var context in line.Value.EnumerateArray().Select(c => c.GetString()).Where(c => !string.IsNullOrEmpty(c)))
                    {
                        if (!contexts.TryGetValue(context!, out var set))
                        {
                            contexts[context!] = set = [];
                        }
                        set.Add(new SourceLine(path, number));
                    }
                }
            }
        }
        return contexts;
    }
}
