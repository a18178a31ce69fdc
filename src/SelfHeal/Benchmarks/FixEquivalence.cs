using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SelfHeal.Repair.Tokens;

namespace SelfHeal.Benchmarks;

/// <summary>
/// Whether two versions of a file mean the same code: C# by Roslyn syntax equivalence (trivia ignored),
/// Python, JavaScript, Java and Go by their token streams (comments and, except for Python, layout
/// ignored), anything else by its non-blank lines with surrounding whitespace trimmed.
/// </summary>
public static class FixEquivalence
{
    /// <summary>True when <paramref name="left"/> and <paramref name="right"/> (versions of <paramref name="path"/>) have the same effect.</summary>
    public static bool SameCode(string path, string? left, string? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }
        if (path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
        {
            return SyntaxFactory.AreEquivalent(CSharpSyntaxTree.ParseText(left), CSharpSyntaxTree.ParseText(right), topLevel: false);
        }
        if (TokenLanguages.Of(path) is { } language)
        {
            var layoutMatters = path.EndsWith(".py", StringComparison.OrdinalIgnoreCase);
            return Meaningful(left, language, layoutMatters).SequenceEqual(Meaningful(right, language, layoutMatters));
        }
        return Lines(left).SequenceEqual(Lines(right), StringComparer.Ordinal);
    }

    private static List<string> Meaningful(string text, TokenLanguage language, bool layoutMatters)
    {
        var tokens = new List<string>();
        foreach (var token in TokenLexer.Lex(text, language).Where(t => t.Kind != TokenKind.Comment && (layoutMatters || !t.IsTrivia)))
        {
            var value = token.Kind == TokenKind.Newline ? "\n" : token.Text;
            // Blank lines carry no meaning even where layout does.
            if (value != "\n" || (tokens.Count > 0 && tokens[^1] != "\n"))
            {
                tokens.Add(value);
            }
        }
        return tokens;
    }

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);
}
