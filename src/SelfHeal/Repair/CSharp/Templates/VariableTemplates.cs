using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SelfHeal.Repair.CSharp.Templates;

/// <summary>
/// Wrong variable: a local, parameter, field or property read replaced by another of the same type in scope
/// (semantic model lookup at the position), or <c>x.P</c> by a sibling member <c>x.Q</c> of the same type.
/// </summary>
internal sealed class VariableTemplates : IFixTemplateFamily
{
    private const int MaxPerSite = 8;

    public IEnumerable<TemplateCandidate> Propose(TemplateSite site)
    {
        foreach (var expression in site.Nodes<ExpressionSyntax>())
        {
            if (expression is not (IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax or ThisExpressionSyntax })
                || expression.Parent is MemberAccessExpressionSyntax { Name: var name } && name == expression
                || expression.Parent is InvocationExpressionSyntax { Expression: var callee } && callee == expression
                || expression.Parent is NameColonSyntax or NameEqualsSyntax
                || Variable(site, expression) is not { } symbol
                || TypeOf(symbol) is not { } type)
            {
                continue;
            }
            var text = site.TextOf(expression);
            var proposed = new HashSet<string>(StringComparer.Ordinal) { text };
            foreach (var receiver in Receivers(site, expression, symbol).Where(proposed.Add))
            {
                yield return TemplateCandidate.Replace("receiver-replacement", expression.Span, receiver, $"use '{receiver}' instead of '{text}'");
            }
            var scoped = site.Model.LookupSymbols(expression.SpanStart)
                .Where(s => IsVariable(s) && (expression is MemberAccessExpressionSyntax || !SymbolEqualityComparer.Default.Equals(s, symbol)) && SameType(TypeOf(s), type))
                .Where(s => s is not ILocalSymbol local || local.DeclaringSyntaxReferences.All(r => r.Span.End < expression.SpanStart))
                .Select(s => s.Name);
            var siblings = expression is MemberAccessExpressionSyntax access && site.TypeOf(access.Expression) is { } owner
                ? owner.GetMembers().Where(m => IsVariable(m) && !m.IsStatic && !SymbolEqualityComparer.Default.Equals(m, symbol) && SameType(TypeOf(m), type)).Select(m => $"{site.TextOf(access.Expression)}.{m.Name}")
                : [];
            foreach (var replacement in siblings.Concat(scoped).Where(proposed.Add).Take(MaxPerSite))
            {
                yield return TemplateCandidate.Replace("variable-replacement", expression.Span, replacement, $"use '{replacement}' instead of '{text}'");
            }
        }
    }

    /// <summary>
    /// The same member read on another object of the containing type: <c>other.End</c> → <c>End</c>, <c>End</c> →
    /// <c>other.End</c> (symmetric comparisons, <c>Equals</c>, <c>CompareTo</c>, <c>Overlaps</c>).
    /// </summary>
    private static IEnumerable<string> Receivers(TemplateSite site, ExpressionSyntax expression, ISymbol symbol)
    {
        var containing = site.Model.GetEnclosingSymbol(expression.SpanStart)?.ContainingType;
        if (symbol is not (IFieldSymbol or IPropertySymbol) || symbol.IsStatic || containing is null || !SymbolEqualityComparer.Default.Equals(symbol.ContainingType, containing))
        {
            yield break;
        }
        var others = site.Model.LookupSymbols(expression.SpanStart)
            .Where(s => s is IParameterSymbol or ILocalSymbol && SymbolEqualityComparer.Default.Equals(TypeOf(s)?.WithNullableAnnotation(NullableAnnotation.None), containing))
            .Select(s => s.Name)
            .ToList();
        if (expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax owner })
        {
            yield return symbol.Name;
            foreach (var other in others.Where(o => o != owner.Identifier.Text))
            {
                yield return $"{other}.{symbol.Name}";
            }
        }
        else
        {
            foreach (var other in others)
            {
                yield return $"{other}.{symbol.Name}";
            }
        }
    }

    private static ISymbol? Variable(TemplateSite site, ExpressionSyntax expression)
    {
        var symbol = site.Model.GetSymbolInfo(expression).Symbol;
        return symbol is not null && IsVariable(symbol) ? symbol : null;
    }

    private static bool IsVariable(ISymbol symbol) => symbol is ILocalSymbol or IParameterSymbol or IFieldSymbol { IsImplicitlyDeclared: false } or IPropertySymbol { IsIndexer: false };

    private static ITypeSymbol? TypeOf(ISymbol symbol) => symbol switch
    {
        ILocalSymbol l => l.Type,
        IParameterSymbol p => p.Type,
        IFieldSymbol f => f.Type,
        IPropertySymbol p => p.Type,
        _ => null,
    };

    private static bool SameType(ITypeSymbol? a, ITypeSymbol b) => a is not null && SymbolEqualityComparer.Default.Equals(a.WithNullableAnnotation(NullableAnnotation.None), b.WithNullableAnnotation(NullableAnnotation.None));
}
