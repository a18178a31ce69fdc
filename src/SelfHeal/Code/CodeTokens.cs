using System.Text.RegularExpressions;

namespace SelfHeal.Code;

/// <summary>
/// Turns code and prose into search terms: words and identifiers split at camelCase, PascalCase, snake_case
/// and digits (numbers of two or more digits are terms too), lowercased, lightly stemmed, with English stop words, language keywords and test vocabulary
/// dropped. A multi-part identifier also yields its parts joined (<c>orderId</c> → <c>order</c>, <c>id</c>, <c>orderid</c>).
/// </summary>
internal static partial class CodeTokens
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        // English
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "he", "i", "if", "in", "into", "is",
        "it", "its", "of", "on", "or", "so", "that", "the", "their", "then", "there", "these", "this", "to", "was", "we", "were",
        "when", "which", "while", "will", "with", "you", "not", "no", "do", "does", "can", "should", "would", "my", "our", "me",
        "after", "before", "than", "also", "only", "all", "any", "some", "been", "being", "what", "how", "why", "where", "get", "got",
        // keywords shared by the languages
        "public", "private", "protected", "internal", "static", "void", "return", "var", "let", "const", "new", "class", "def",
        "self", "this", "function", "func", "import", "using", "namespace", "package", "from", "true", "false", "null", "none",
        "nil", "undefined", "else", "elif", "for", "foreach", "while", "try", "catch", "finally", "throw", "throws", "raise",
        "except", "async", "await", "readonly", "sealed", "override", "virtual", "abstract", "final", "string", "int", "bool",
        "void", "object", "lambda", "yield", "pass", "export", "default", "case", "switch", "break", "continue", "typeof",
        "instanceof", "extends", "implements", "interface", "struct", "record", "enum", "type", "go", "defer", "chan", "map",
        // test vocabulary: names of failing tests say "test" and "should" a lot, the code under test rarely does
        "test", "tests", "assert", "expect", "expected", "actual", "fact", "theory", "given", "pytest", "unittest", "spec", "describe",
    };

    /// <summary>The search terms of <paramref name="text"/>, in order, repeats kept.</summary>
    public static IEnumerable<string> Terms(string text)
    {
        foreach (Match word in Word().Matches(text))
        {
            var parts = Part().Matches(word.Value).Select(m => m.Value.ToLowerInvariant()).ToList();
            foreach (var part in parts)
            {
                if (Keep(part) is { } term)
                {
                    yield return term;
                }
            }
            if (parts.Count > 1 && Keep(string.Concat(parts)) is { } joined)
            {
                yield return joined;
            }
        }
    }

    /// <summary>The stem of a lowercased word: a light suffix strip (plural <c>s</c>/<c>ies</c>, <c>ing</c>, <c>ed</c>).</summary>
    public static string Stem(string word)
    {
        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal))
        {
            return word[..^3] + "y";
        }
        if (word.Length > 5 && word.EndsWith("ing", StringComparison.Ordinal))
        {
            return word[..^3];
        }
        if (word.Length > 4 && word.EndsWith("ed", StringComparison.Ordinal) && !word.EndsWith("eed", StringComparison.Ordinal))
        {
            return word[..^2];
        }
        if (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal))
        {
            return word.EndsWith("es", StringComparison.Ordinal) && word.Length > 4 && "sxz".Contains(word[^3], StringComparison.Ordinal) ? word[..^2] : word[..^1];
        }
        return word;
    }

    private static string? Keep(string part) =>
        part.Length < 2 || StopWords.Contains(part) ? null : char.IsAsciiDigit(part[0]) ? part : Stem(part);

    /// <summary>Identifiers, words and numbers (<c>100m</c> yields <c>100</c>: thresholds in reports match literals in code).</summary>
    [GeneratedRegex(@"[A-Za-z0-9_]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")]
    private static partial Regex Part();
}
