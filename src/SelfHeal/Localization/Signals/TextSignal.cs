using SelfHeal.Code;
using SelfHeal.Localization.Coverage;
using SelfHeal.Localization.Text;

namespace SelfHeal.Localization.Signals;

/// <summary>
/// Information retrieval: BM25 of the report's words (title, description, log, failure messages and the failing
/// tests' names split into words) against the code under test chunked by function. The best
/// <see cref="LocalizeOptions.TextChunks"/> chunks spread their score over their statements: half of it to every
/// statement, the other half by how many query terms the statement itself contains. Code outside any function
/// (fields, module statements) counts half: behaviour rarely goes wrong there. Test files are not indexed.
/// </summary>
internal sealed class TextSignal(LocalizeOptions options)
{
    public const string Name = "text";

    /// <summary>Log text beyond this many characters per source adds noise, not evidence.</summary>
    private const int MaxQueryChars = 8000;

    private const double OutsideFunctions = 0.5;

    public SignalScores Score(LocalizationInput input)
    {
        var scores = new SignalScores(Name);
        var query = QueryTerms(input).ToHashSet(StringComparer.Ordinal);
        if (query.Count == 0)
        {
            return scores;
        }
        var index = new Bm25Index<CodeChunk>();
        foreach (var file in input.Tree.Files.Where(f => !f.IsTest))
        {
            foreach (var (chunk, terms) in CodeChunk.Split(file))
            {
                index.Add(chunk, terms);
            }
        }
        foreach (var hit in index.Search(query, options.TextChunks))
        {
            var chunk = hit.Document;
            var lineHits = chunk.Statements
                .Select(s => (Span: s, Terms: CodeTokens.Terms(chunk.File.TextOf(s)).Where(query.Contains).Distinct(StringComparer.Ordinal).ToList()))
                .ToList();
            var most = Math.Max(1, lineHits.Max(l => l.Terms.Count));
            var name = chunk.Symbol ?? chunk.File.Path;
            foreach (var (span, terms) in lineHits)
            {
                var value = hit.Score * (0.5 + (0.5 * terms.Count / most)) * (chunk.Symbol is null ? OutsideFunctions : 1);
                var said = terms.Count > 0 ? $"; this line: {string.Join(", ", terms.Take(5))}" : "";
                scores.Add(new SuspectSpan(chunk.File.Path, span.StartLine, span.EndLine), value,
                    $"BM25 {hit.Score:0.0} for {name} (matches {string.Join(", ", hit.MatchedTerms.Take(6))}{said})");
            }
        }
        return scores;
    }

    /// <summary>The query: every distinct search term of the report and the failures.</summary>
    public static IEnumerable<string> QueryTerms(LocalizationInput input)
    {
        var texts = new List<string?> { input.Report?.Title, input.Report?.Description, Cap(input.Report?.Log) };
        foreach (var failure in input.Failures)
        {
            var (cls, method) = TestIds.Parse(failure.TestId);
            texts.Add(cls);
            texts.Add(method);
            texts.Add(Cap(failure.Message));
        }
        foreach (var trace in input.Traces)
        {
            texts.Add(trace.Message);
        }
        return texts.Where(t => !string.IsNullOrWhiteSpace(t)).SelectMany(t => CodeTokens.Terms(t!)).Distinct(StringComparer.Ordinal);
    }

    private static string? Cap(string? text) => text is { Length: > MaxQueryChars } ? text[..MaxQueryChars] : text;
}
