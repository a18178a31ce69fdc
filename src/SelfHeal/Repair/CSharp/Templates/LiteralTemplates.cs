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

    private static readonly HashSet<string> FormattingMethods = new(StringComparer.Ordinal)
    {
        "ToString", "Format", "AppendFormat", "TryFormat", "ParseExact", "TryParseExact",
    };

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
            var spec = format.FormatStringToken.Text;
            foreach (var alternative in FormatSpecifiers.For(spec, formatContext: true))
            {
                yield return TemplateCandidate.Replace("format-specifier", format.FormatStringToken.Span, alternative, $"format with '{alternative}' instead of '{spec}'");
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
                foreach (var replacement in FormatSpecifiers.ForLiteral(text, IsFormatArgument(site, literal)))
                {
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

    /// <summary>Whether <paramref name="literal"/> is an argument of a formatting or parsing call.</summary>
    private static bool IsFormatArgument(TemplateSite site, LiteralExpressionSyntax literal) =>
        literal.Parent is ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax invocation }
        && site.Model.GetSymbolInfo(invocation).Symbol is IMethodSymbol method
        && FormattingMethods.Contains(method.Name);
}
