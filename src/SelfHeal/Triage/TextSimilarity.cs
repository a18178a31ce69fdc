using System.Text;

namespace SelfHeal.Triage;

/// <summary>
/// TF-IDF cosine similarity between a text and a set of documents: sublinear term frequency (1 + ln tf), smoothed
/// idf (ln((1 + N)/(1 + df)) + 1) over the documents and the text, words of two or more letters or digits
/// (identifiers split at camel-case humps), lowercased, common English words left out. Scores are 0 to 1.
/// </summary>
public static class TextSimilarity
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "did", "do", "does", "for", "from", "had", "has", "have",
        "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "no", "not", "of", "on", "or", "our", "she",
        "so", "that", "the", "their", "them", "then", "there", "these", "they", "this", "to", "too", "was", "we", "were", "what", "when",
        "where", "which", "while", "who", "why", "will", "with", "would", "you", "your", "after", "before", "again", "when", "all", "any",
        "just", "also", "get", "got", "up", "out", "now", "only", "some", "than", "very", "should", "could", "am", "being", "here",
    };

    /// <summary>The most similar document and its score, or <see langword="null"/> when there are none or nothing is shared.</summary>
    public static (string Id, double Score)? Best(string text, IReadOnlyList<(string Id, string Text)> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (documents.Count == 0)
        {
            return null;
        }
        var query = Terms(text);
        var docs = documents.Select(d => (d.Id, Terms: Terms(d.Text))).ToList();
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var terms in docs.Select(d => d.Terms).Append(query))
        {
            foreach (var term in terms.Keys)
            {
                documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
            }
        }
        var total = docs.Count + 1;
        var queryVector = Weigh(query, documentFrequency, total);
        (string Id, double Score)? best = null;
        foreach (var (id, terms) in docs)
        {
            var score = Cosine(queryVector, Weigh(terms, documentFrequency, total));
            if (score > 0 && (best is null || score > best.Value.Score))
            {
                best = (id, score);
            }
        }
        return best;
    }

    /// <summary>The similarity of two texts alone (idf over the pair).</summary>
    public static double Compare(string a, string b) => Best(a, [("b", b)])?.Score ?? 0;

    /// <summary>Term counts of <paramref name="text"/>.</summary>
    public static Dictionary<string, int> Terms(string? text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(text))
        {
            return counts;
        }
        var word = new StringBuilder();
        var previous = ' ';
        foreach (var c in text.Append(' '))
        {
            // Identifiers from traces and code meet prose: "CartTotals" counts as "cart" and "totals".
            var wordStartsHere = char.IsUpper(c) && char.IsLower(previous);
            previous = c;
            if (char.IsLetterOrDigit(c) && !wordStartsHere)
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }
            Count(counts, word);
            word.Clear();
            if (wordStartsHere)
            {
                word.Append(char.ToLowerInvariant(c));
            }
        }
        return counts;
    }

    private static void Count(Dictionary<string, int> counts, StringBuilder word)
    {
        if (word.Length >= 2 && word.Length <= 64)
        {
            var term = Stem(word.ToString());
            if (!StopWords.Contains(term))
            {
                counts[term] = counts.GetValueOrDefault(term) + 1;
            }
        }
    }

    /// <summary>A light plural stem, so "orders" and "order" meet.</summary>
    private static string Stem(string word) =>
        word.Length > 4 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1] : word;

    private static Dictionary<string, double> Weigh(Dictionary<string, int> terms, Dictionary<string, int> documentFrequency, int total) =>
        terms.ToDictionary(
            t => t.Key,
            t => (1 + Math.Log(t.Value)) * (Math.Log((1.0 + total) / (1.0 + documentFrequency.GetValueOrDefault(t.Key))) + 1),
            StringComparer.Ordinal);

    private static double Cosine(Dictionary<string, double> a, Dictionary<string, double> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var dot = small.Sum(t => large.TryGetValue(t.Key, out var w) ? t.Value * w : 0);
        var norm = Math.Sqrt(a.Values.Sum(w => w * w)) * Math.Sqrt(b.Values.Sum(w => w * w));
        return norm == 0 ? 0 : Math.Min(1.0, dot / norm);
    }
}
