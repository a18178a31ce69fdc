namespace SelfHeal.Localization.Text;

/// <summary>
/// A small in-memory BM25 index (Okapi BM25, <c>k1</c> = 1.2, <c>b</c> = 0.75, idf = ln(1 + (N − n + 0.5)/(n + 0.5))).
/// Add every document, then search. Not thread-safe while adding.
/// </summary>
/// <typeparam name="TDocument">What a hit returns.</typeparam>
internal sealed class Bm25Index<TDocument>
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    private readonly List<(TDocument Document, Dictionary<string, int> Terms, int Length)> _documents = [];
    private readonly Dictionary<string, int> _documentFrequency = new(StringComparer.Ordinal);
    private long _totalLength;

    public int Count => _documents.Count;

    /// <summary>The inverse document frequency of <paramref name="term"/>; 0 for a term no document holds.</summary>
    public double Idf(string term)
    {
        var n = _documentFrequency.GetValueOrDefault(term);
        return n == 0 ? 0 : Math.Log(1 + ((_documents.Count - n + 0.5) / (n + 0.5)));
    }

    public void Add(TDocument document, IEnumerable<string> terms)
    {
        var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        var length = 0;
        foreach (var term in terms)
        {
            frequencies[term] = frequencies.GetValueOrDefault(term) + 1;
            length++;
        }
        foreach (var term in frequencies.Keys)
        {
            _documentFrequency[term] = _documentFrequency.GetValueOrDefault(term) + 1;
        }
        _documents.Add((document, frequencies, length));
        _totalLength += length;
    }

    /// <summary>The best <paramref name="top"/> documents for <paramref name="query"/> (distinct terms count once), best first, scores above 0 only.</summary>
    public IReadOnlyList<Bm25Hit<TDocument>> Search(IEnumerable<string> query, int top)
    {
        if (_documents.Count == 0)
        {
            return [];
        }
        var terms = query.Distinct(StringComparer.Ordinal).Where(_documentFrequency.ContainsKey).ToList();
        var n = _documents.Count;
        var averageLength = Math.Max(1.0, (double)_totalLength / n);
        var idf = terms.ToDictionary(t => t, Idf, StringComparer.Ordinal);
        var hits = new List<Bm25Hit<TDocument>>();
        foreach (var (document, frequencies, length) in _documents)
        {
            var score = 0.0;
            var matched = new List<string>();
            foreach (var term in terms)
            {
                if (frequencies.TryGetValue(term, out var tf))
                {
                    score += idf[term] * tf * (K1 + 1) / (tf + (K1 * (1 - B + (B * length / averageLength))));
                    matched.Add(term);
                }
            }
            if (score > 0)
            {
                hits.Add(new Bm25Hit<TDocument>(document, score, matched));
            }
        }
        return [.. hits.OrderByDescending(h => h.Score).Take(top)];
    }
}

/// <summary>A search hit: the document, its BM25 score and the query terms it contains.</summary>
internal sealed record Bm25Hit<TDocument>(TDocument Document, double Score, IReadOnlyList<string> MatchedTerms);
