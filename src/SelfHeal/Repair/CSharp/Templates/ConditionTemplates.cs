using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SelfHeal.Repair.CSharp.Templates;

/// <summary>Condition negation, narrowing (drop a clause of <c>&amp;&amp;</c>/<c>||</c>) and widening (add a clause with another boolean in scope).</summary>
internal sealed class ConditionTemplates : IFixTemplateFamily
{
    private const int MaxWideningClauses = 6;

    public IEnumerable<TemplateCandidate> Propose(TemplateSite site)
    {
        foreach (var not in site.Nodes<PrefixUnaryExpressionSyntax>().Where(p => p.IsKind(SyntaxKind.LogicalNotExpression)))
        {
            yield return TemplateCandidate.Replace("condition-negation", not.OperatorToken.Span, string.Empty, $"remove '!' from '{site.TextOf(not)}'");
        }
        foreach (var condition in Conditions(site))
        {
            var text = site.TextOf(condition);
            if (condition is not PrefixUnaryExpressionSyntax)
            {
                var negated = condition is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ParenthesizedExpressionSyntax ? "!" + text : $"!({text})";
                yield return TemplateCandidate.Replace("condition-negation", condition.Span, negated, $"negate '{text}'");
            }
            foreach (var clause in OtherBooleans(site, condition).Take(MaxWideningClauses))
            {
                var wrapped = condition is BinaryExpressionSyntax ? $"({text})" : text;
                yield return TemplateCandidate.Replace("condition-widening", condition.Span, $"{wrapped} || {clause}", $"widen '{text}' with '|| {clause}'");
                yield return TemplateCandidate.Replace("condition-widening", condition.Span, $"{wrapped} && {clause}", $"narrow '{text}' with '&& {clause}'");
                yield return TemplateCandidate.Replace("condition-widening", condition.Span, $"{wrapped} && !{clause}", $"narrow '{text}' with '&& !{clause}'");
            }
        }
        foreach (var logical in site.Root.DescendantNodes(site.Region).OfType<BinaryExpressionSyntax>()
            .Where(b => site.Region.Contains(b.OperatorToken.Span) && (b.IsKind(SyntaxKind.LogicalAndExpression) || b.IsKind(SyntaxKind.LogicalOrExpression))))
        {
            foreach (var keep in new[] { logical.Left, logical.Right })
            {
                yield return TemplateCandidate.Replace("condition-narrowing", logical.Span, site.TextOf(keep), $"reduce '{site.TextOf(logical)}' to '{site.TextOf(keep)}'");
            }
        }
    }

    /// <summary>Conditions of if/while/do/for/ternaries and boolean-valued returns in the region.</summary>
    private static IEnumerable<ExpressionSyntax> Conditions(TemplateSite site)
    {
        foreach (var node in site.Root.DescendantNodes(site.Region))
        {
            var condition = node switch
            {
                IfStatementSyntax s => s.Condition,
                WhileStatementSyntax s => s.Condition,
                DoStatementSyntax s => s.Condition,
                ForStatementSyntax s => s.Condition,
                ConditionalExpressionSyntax c => c.Condition,
                ReturnStatementSyntax { Expression: { } e } when site.TypeOf(e)?.SpecialType == SpecialType.System_Boolean => e,
                ArrowExpressionClauseSyntax { Expression: var e } when site.TypeOf(e)?.SpecialType == SpecialType.System_Boolean => e,
                _ => null,
            };
            if (condition is not null && site.Region.Contains(condition.Span))
            {
                yield return condition;
            }
        }
    }

    private static IEnumerable<string> OtherBooleans(TemplateSite site, ExpressionSyntax condition)
    {
        var used = condition.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Select(i => i.Identifier.Text).ToHashSet(StringComparer.Ordinal);
        return site.Model.LookupSymbols(condition.SpanStart)
            .Where(s => s is ILocalSymbol { Type.SpecialType: SpecialType.System_Boolean } or IParameterSymbol { Type.SpecialType: SpecialType.System_Boolean } or IFieldSymbol { Type.SpecialType: SpecialType.System_Boolean } or IPropertySymbol { Type.SpecialType: SpecialType.System_Boolean, IsIndexer: false })
            .Where(s => !used.Contains(s.Name) && (s is ILocalSymbol or IParameterSymbol || SymbolEqualityComparer.Default.Equals(s.ContainingType, site.Model.GetEnclosingSymbol(condition.SpanStart)?.ContainingType)))
            .Select(s => s.Name)
            .Distinct(StringComparer.Ordinal);
    }
}
