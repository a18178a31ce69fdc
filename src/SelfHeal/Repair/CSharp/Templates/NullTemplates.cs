using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SelfHeal.Repair.CSharp.Templates;

/// <summary>
/// Null handling for the member-access receivers on the suspect's lines: <c>?.</c>, <c>?. … ?? fallback</c>
/// (fallbacks by type: <c>""</c>, same-typed constants in scope, <c>0</c>, <c>false</c>, <c>[]</c>, <c>default</c>) and a guard
/// before the statement (<c>return</c>, <c>return default</c>, <c>throw ArgumentNullException</c>, <c>continue</c>).
/// </summary>
internal sealed class NullTemplates : IFixTemplateFamily
{
    private const double NotNullWeight = 0.6;

    public IEnumerable<TemplateCandidate> Propose(TemplateSite site)
    {
        var guarded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var access in site.Nodes<MemberAccessExpressionSyntax>())
        {
            var receiver = access.Expression;
            if (receiver is ThisExpressionSyntax or BaseExpressionSyntax or LiteralExpressionSyntax
                || site.Model.GetSymbolInfo(receiver).Symbol is INamespaceOrTypeSymbol
                || site.TypeOf(receiver) is not { } type
                || type.IsValueType && type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T)
            {
                continue;
            }
            var receiverText = site.TextOf(receiver);
            var chain = Chain(access);
            // The compiler's flow analysis says the receiver is not null here: still possible at run time, but less likely.
            var weight = site.Model.GetTypeInfo(receiver).Nullability.FlowState == NullableFlowState.NotNull ? NotNullWeight : 1.0;
            var question = TemplateCandidate.Insert("null-conditional", receiver.Span.End, "?", $"use '?.' on '{receiverText}'") with { Weight = weight };
            yield return question;
            foreach (var fallback in Fallbacks(site, chain))
            {
                var parenthesize = !IsLoose(chain);
                var edits = new List<SourceEdit>(question.Edits) { new(chain.Span.End, 0, $" ?? {fallback}{(parenthesize ? ")" : string.Empty)}") };
                if (parenthesize)
                {
                    edits.Insert(0, new SourceEdit(chain.SpanStart, 0, "("));
                }
                yield return new TemplateCandidate("null-coalescing", edits, $"use '?.' on '{receiverText}' and fall back to {fallback}") { Weight = weight };
            }
            if (receiver is IdentifierNameSyntax or MemberAccessExpressionSyntax && guarded.Add(receiverText))
            {
                foreach (var guard in Guards(site, access, receiver, receiverText))
                {
                    yield return guard with { Weight = weight };
                }
            }
        }
    }

    /// <summary>The outermost expression of the access chain <paramref name="access"/> starts.</summary>
    private static ExpressionSyntax Chain(ExpressionSyntax access)
    {
        var current = access;
        while (current.Parent is MemberAccessExpressionSyntax { Expression: var e } parentAccess && e == current
            || current.Parent is InvocationExpressionSyntax { Expression: var i } && i == current
            || current.Parent is ElementAccessExpressionSyntax { Expression: var x } && x == current)
        {
            current = (ExpressionSyntax)current.Parent;
        }
        return current;
    }

    private static bool IsLoose(ExpressionSyntax chain) => chain.Parent is ArgumentSyntax or EqualsValueClauseSyntax or ReturnStatementSyntax or ArrowExpressionClauseSyntax or LambdaExpressionSyntax or ParenthesizedExpressionSyntax
        || chain.Parent is AssignmentExpressionSyntax { Right: var right } && right == chain;

    private static IEnumerable<string> Fallbacks(TemplateSite site, ExpressionSyntax chain)
    {
        var type = site.TypeOf(chain);
        if (type is null || type.SpecialType == SpecialType.System_Void)
        {
            yield break;
        }
        if (type.SpecialType == SpecialType.System_String)
        {
            yield return "\"\"";
            foreach (var name in site.Model.LookupSymbols(chain.SpanStart)
                .Where(s => s is IFieldSymbol { Type.SpecialType: SpecialType.System_String } f && (f.IsConst || f.IsStatic) || s is ILocalSymbol { Type.SpecialType: SpecialType.System_String, IsConst: true })
                .Select(s => s.Name).Distinct(StringComparer.Ordinal))
            {
                yield return name;
            }
        }
        else if (type.SpecialType == SpecialType.System_Boolean)
        {
            yield return "false";
            yield return "true";
        }
        else if (type.SpecialType is >= SpecialType.System_SByte and <= SpecialType.System_Double)
        {
            yield return "0";
        }
        else if (type.AllInterfaces.Any(i => i.Name == "IEnumerable") && type.TypeKind != TypeKind.Array || type.TypeKind == TypeKind.Array)
        {
            yield return "[]";
        }
        else
        {
            yield return "default";
        }
    }

    private static IEnumerable<TemplateCandidate> Guards(TemplateSite site, SyntaxNode access, ExpressionSyntax receiver, string receiverText)
    {
        var statement = access.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault();
        if (statement is null || statement.Parent is not (BlockSyntax or SwitchSectionSyntax) || !site.StartsLine(statement))
        {
            yield break;
        }
        var indent = site.IndentAt(statement.SpanStart);
        var at = site.LineStart(statement.SpanStart);
        var returnType = site.ReturnTypeAt(statement);
        var bodies = new List<string>();
        if (statement.Ancestors().TakeWhile(a => a is not MemberDeclarationSyntax and not AnonymousFunctionExpressionSyntax).Any(a => a is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax))
        {
            bodies.Add("continue;");
        }
        if (returnType?.SpecialType == SpecialType.System_Void)
        {
            bodies.Add("return;");
        }
        else if (returnType is not null)
        {
            bodies.Add("return default;");
        }
        if (site.Model.GetSymbolInfo(receiver).Symbol is IParameterSymbol)
        {
            bodies.Add($"throw new ArgumentNullException(nameof({receiverText}));");
        }
        foreach (var body in bodies)
        {
            yield return TemplateCandidate.Insert("null-guard", at, $"{indent}if ({receiverText} is null) {body}{site.NewLine}", $"guard '{receiverText}' against null with '{body}'");
        }
    }
}
