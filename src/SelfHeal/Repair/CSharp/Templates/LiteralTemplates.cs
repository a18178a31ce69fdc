using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SelfHeal.Repair.CSharp.Templates;

/// <summary>
/// Literal changes (numbers ±1 and 0↔1, true↔false, a string swapped for another literal of the file), format
/// specifier fixes (<c>hh</c>↔<c>HH</c>, <c>mm</c>↔<c>MM</c>, <c>N2</c>, <c>D2</c>, …) and swapping two arguments of the same type.
/// </summary>
internal sealed class LiteralTemplates : IFixTemplateFamily
{
    private const int MaxStringSwaps = 8;

    private static readonly (string From, string To)[] FormatFixes =
    [
        ("hh", "HH"), ("HH", "hh"), ("mm", "MM"), ("MM", "mm"), ("yy", "yyyy"), ("dd", "d"), ("DD", "dd"), ("YYYY", "yyyy"), ("ss", "SS"),
        ("N2", "N0"), ("N0", "N2"), ("F2", "N2"), ("N2", "F2"), ("D2", "00"), ("00", "D2"), ("D", "D2"), ("C", "C2"), ("P", "P0"), ("P2", "P0"), ("0.00", "0.##"), ("0.##", "0.00"),
    ];

    public IEnumerable<TemplateCandidate> Propose(TemplateSite site)
    {
        foreach (var literal in site.Nodes<LiteralExpressionSyntax>())
        {
            foreach (var candidate in Literal(site, literal))
            {
                yield return candidate;
            }
        }
        foreach (var format in site.Nodes<InterpolationFormatClauseSyntax>())
        {
            foreach (var (from, to) in FormatFixes.Where(f => format.FormatStringToken.Text.Contains(f.From, StringComparison.Ordinal)))
            {
                var span = format.FormatStringToken.Span;
                yield return TemplateCandidate.Replace("format-specifier", span, format.FormatStringToken.Text.Replace(from, to, StringComparison.Ordinal), $"format with '{to}' instead of '{from}'");
            }
        }
        foreach (var arguments in site.Nodes<ArgumentListSyntax>().Where(a => a.Arguments.Count >= 2))
        {
            for (var i = 0; i < arguments.Arguments.Count; i++)
            {
                for (var j = i + 1; j < arguments.Arguments.Count; j++)
                {
                    var (a, b) = (arguments.Arguments[i].Expression, arguments.Arguments[j].Expression);
                    if (site.TypeOf(a) is { } ta && SymbolEqualityComparer.Default.Equals(ta, site.TypeOf(b)) && site.TextOf(a) != site.TextOf(b))
                    {
                        yield return new TemplateCandidate("argument-swap", [new SourceEdit(a.SpanStart, a.Span.Length, site.TextOf(b)), new SourceEdit(b.SpanStart, b.Span.Length, site.TextOf(a))], $"swap arguments '{site.TextOf(a)}' and '{site.TextOf(b)}'");
                    }
                }
            }
        }
    }

    private static IEnumerable<TemplateCandidate> Literal(TemplateSite site, LiteralExpressionSyntax literal)
    {
        var text = literal.Token.Text;
        switch (literal.Kind())
        {
            case SyntaxKind.TrueLiteralExpression or SyntaxKind.FalseLiteralExpression:
                var flipped = text == "true" ? "false" : "true";
                yield return TemplateCandidate.Replace("literal", literal.Span, flipped, $"replace {text} with {flipped}");
                break;
            case SyntaxKind.NumericLiteralExpression when literal.Token.Value is int or long:
                var value = Convert.ToInt64(literal.Token.Value, CultureInfo.InvariantCulture);
                foreach (var other in new[] { value + 1, value - 1, value == 0 ? 1 : 0 }.Distinct().Where(v => v != value && v >= 0))
                {
                    var replacement = other.ToString(CultureInfo.InvariantCulture);
                    yield return TemplateCandidate.Replace("literal", literal.Span, replacement, $"replace {text} with {replacement}");
                }
                break;
            case SyntaxKind.NumericLiteralExpression:
                break;
            case SyntaxKind.StringLiteralExpression:
                foreach (var (from, to) in FormatFixes.Where(f => IsFormatLike(text) && text.Contains(f.From, StringComparison.Ordinal)))
                {
                    var replacement = text.Replace(from, to, StringComparison.Ordinal);
                    yield return TemplateCandidate.Replace("format-specifier", literal.Span, replacement, $"format with {replacement} instead of {text}");
                }
                foreach (var other in site.Root.DescendantNodes().OfType<LiteralExpressionSyntax>()
                    .Where(l => l.IsKind(SyntaxKind.StringLiteralExpression) && l.Token.Text != text)
                    .Select(l => l.Token.Text).Distinct(StringComparer.Ordinal).Take(MaxStringSwaps))
                {
                    yield return TemplateCandidate.Replace("literal", literal.Span, other, $"replace {text} with {other}");
                }
                break;
        }
    }

    /// <summary>Short literals made of format characters (<c>"hh:mm"</c>, <c>"N2"</c>, <c>"{0:D2}"</c>), not prose.</summary>
    private static bool IsFormatLike(string text) => text.Length <= 32 && !text.Contains(' ', StringComparison.Ordinal) || text.Contains(":", StringComparison.Ordinal) && text.Contains('{', StringComparison.Ordinal);
}
