using SelfHeal.Code;
using SelfHeal.Localization.Coverage;
using SelfHeal.Localization.Text;

namespace SelfHeal.Localization.Signals;

/// <summary>
/// Information retrieval: BM25 of the report's words (title, description, log, failure messages and the failing
/// tests' names split into words) against the code under test chunked by function. The best
/// <see cref="LocalizeOptions.TextChunks"/> chunks spread their score over their statements: a statement's value is
/// half its chunk's BM25 score (relative to the best chunk) and half the summed idf of the query terms the statement
/// itself contains (relative to the best statement), so a rare word of the report on a line singles that line out. Code outside any function
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
        var hits = index.Search(query, options.TextChunks);
        if (hits.Count == 0)
        {
            return scores;
        }
        var lines = hits
            .SelectMany(hit => hit.Document.Statements.Select(span =>
            {
                var terms = CodeTokens.Terms(hit.Document.File.TextOf(span)).Where(query.Contains).Distinct(StringComparer.Ordinal).ToList();
                return (Hit: hit, Span: span, Terms: terms, Weight: terms.Sum(index.Idf));
            }))
            .ToList();
        var bestChunk = hits[0].Score;
        var bestLine = Math.Max(lines.Max(l => l.Weight), double.Epsilon);
        foreach (var (hit, span, terms, weight) in lines)
        {
            var chunk = hit.Document;
            var value = ((0.5 * hit.Score / bestChunk) + (0.5 * weight / bestLine)) * (chunk.Symbol is null ? OutsideFunctions : 1);
            var said = terms.Count > 0 ? $"; this line: {string.Join(", ", terms.Take(5))}" : "";
            scores.Add(new SuspectSpan(chunk.File.Path, span.StartLine, span.EndLine), value,
                $"BM25 {hit.Score:0.0} for {chunk.Symbol ?? chunk.File.Path} (matches {string.Join(", ", hit.MatchedTerms.Take(6))}{said})");
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
