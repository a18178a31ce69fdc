using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SelfHeal.Repair.CSharp.Templates;

/// <summary>
/// Integer division fixes (<c>a / b * c</c> → <c>a * c / b</c>, <c>(double)a / b</c>), cast changes
/// (<c>(int)</c> ↔ <c>(long)</c>/<c>(double)</c>/<c>(decimal)</c>, cast removal) and removal of a whole statement.
/// </summary>
internal sealed class StatementTemplates : IFixTemplateFamily
{
    private static readonly string[] CastTypes = ["double", "decimal", "int", "long"];

    public IEnumerable<TemplateCandidate> Propose(TemplateSite site)
    {
        foreach (var division in site.Nodes<BinaryExpressionSyntax>().Where(b => b.IsKind(SyntaxKind.DivideExpression) && IsIntegral(site.TypeOf(b.Left)) && IsIntegral(site.TypeOf(b.Right))))
        {
            var (left, right) = (site.TextOf(division.Left), site.TextOf(division.Right));
            if (division.Parent is BinaryExpressionSyntax { Left: var l, Right: var factor } product && l == division && product.IsKind(SyntaxKind.MultiplyExpression))
            {
                var reordered = $"{left} * {site.TextOf(factor)} / {right}";
                yield return TemplateCandidate.Replace("integer-division", product.Span, reordered, $"multiply before dividing: '{reordered}'");
            }
            var castable = division.Left is IdentifierNameSyntax or MemberAccessExpressionSyntax or LiteralExpressionSyntax or ParenthesizedExpressionSyntax or InvocationExpressionSyntax;
            foreach (var type in new[] { "double", "decimal" })
            {
                var operand = castable ? left : $"({left})";
                yield return TemplateCandidate.Replace("integer-division", division.Left.Span, $"({type}){operand}", $"divide as {type}: '({type}){operand} / {right}'");
            }
        }
        foreach (var cast in site.Nodes<CastExpressionSyntax>().Where(c => c.Type is PredefinedTypeSyntax))
        {
            foreach (var type in CastTypes.Where(t => t != site.TextOf(cast.Type)))
            {
                yield return TemplateCandidate.Replace("cast", cast.Type.Span, type, $"cast to {type} instead of {site.TextOf(cast.Type)}");
            }
            yield return TemplateCandidate.Replace("cast", TextSpanOf(cast.OpenParenToken, cast.CloseParenToken), string.Empty, $"remove the cast to {site.TextOf(cast.Type)}");
        }
        foreach (var statement in site.Statements.Where(s => s is ExpressionStatementSyntax or IfStatementSyntax or ReturnStatementSyntax or BreakStatementSyntax or ContinueStatementSyntax or ThrowStatementSyntax && s.Parent is BlockSyntax or SwitchSectionSyntax))
        {
            if (!site.StartsLine(statement) || site.LineEndWithBreak(statement.Span.End) != site.Text.Lines.GetLineFromPosition(statement.Span.End).EndIncludingLineBreak)
            {
                continue;
            }
            var start = site.LineStart(statement.SpanStart);
            var end = site.LineEndWithBreak(statement.Span.End);
            var trailing = site.Text.ToString(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(statement.Span.End, site.Text.Lines.GetLineFromPosition(statement.Span.End).End));
            if (trailing.Trim().Length == 0 || trailing.TrimStart().StartsWith("//", StringComparison.Ordinal))
            {
                yield return new TemplateCandidate("statement-removal", [new SourceEdit(start, end - start, string.Empty)], $"remove '{FirstLine(site.TextOf(statement))}'");
            }
        }
    }

    private static Microsoft.CodeAnalysis.Text.TextSpan TextSpanOf(SyntaxToken open, SyntaxToken close) => Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(open.SpanStart, close.Span.End);

    private static string FirstLine(string text) => text.Split('\n')[0].TrimEnd();

    private static bool IsIntegral(ITypeSymbol? type) => type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Int16 or SpecialType.System_Byte or SpecialType.System_UInt32 or SpecialType.System_UInt64;
}
