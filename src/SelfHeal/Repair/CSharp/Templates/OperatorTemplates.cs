using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SelfHeal.Repair.CSharp.Templates;

/// <summary>Binary operator replacement (arithmetic, relational, equality, logical) and off-by-one (<c>x ± 1</c>).</summary>
internal sealed class OperatorTemplates : IFixTemplateFamily
{
    private static readonly string[] Arithmetic = ["+", "-", "*", "/", "%"];
    private static readonly string[] Relational = ["<", "<=", ">", ">="];

    public IEnumerable<TemplateCandidate> Propose(TemplateSite site)
    {
        foreach (var binary in site.Root.DescendantNodes(site.Region).OfType<BinaryExpressionSyntax>().Where(b => site.Region.Contains(b.OperatorToken.Span)))
        {
            var op = binary.OperatorToken.Text;
            foreach (var (replacement, template) in Replacements(site, binary, op))
            {
                yield return TemplateCandidate.Replace(template, binary.OperatorToken.Span, replacement, $"replace '{op}' with '{replacement}' in '{site.TextOf(binary)}'");
            }
        }
        foreach (var candidate in OffByOne(site))
        {
            yield return candidate;
        }
    }

    private static IEnumerable<(string Replacement, string Template)> Replacements(TemplateSite site, BinaryExpressionSyntax binary, string op)
    {
        switch (op)
        {
            case "<" or "<=" or ">" or ">=":
                yield return (Boundary(op), "relational-boundary");
                foreach (var other in Relational.Where(o => o != op && o != Boundary(op)))
                {
                    yield return (other, "relational-operator");
                }
                yield return ("==", "relational-operator");
                yield return ("!=", "relational-operator");
                break;
            case "==" or "!=":
                yield return (op == "==" ? "!=" : "==", "equality-operator");
                if (site.TypeOf(binary.Left)?.SpecialType is >= SpecialType.System_SByte and <= SpecialType.System_Double)
                {
                    foreach (var other in Relational)
                    {
                        yield return (other, "relational-operator");
                    }
                }
                break;
            case "&&":
                yield return ("||", "logical-operator");
                break;
            case "||":
                yield return ("&&", "logical-operator");
                break;
            case "+" or "-" or "*" or "/" or "%":
                if (op == "+" && (site.TypeOf(binary.Left)?.SpecialType == SpecialType.System_String || site.TypeOf(binary.Right)?.SpecialType == SpecialType.System_String))
                {
                    yield break;
                }
                foreach (var other in Arithmetic.Where(o => o != op))
                {
                    yield return (other, "arithmetic-operator");
                }
                break;
        }
    }

    private static string Boundary(string op) => op switch
    {
        "<" => "<=",
        "<=" => "<",
        ">" => ">=",
        _ => ">",
    };

    /// <summary><c>x</c> → <c>x - 1</c> / <c>x + 1</c> for integer operands of arithmetic and comparisons, indices and arguments.</summary>
    private static IEnumerable<TemplateCandidate> OffByOne(TemplateSite site)
    {
        foreach (var expression in site.Nodes<ExpressionSyntax>())
        {
            if (expression is not (IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax)
                || expression.Parent is MemberAccessExpressionSyntax { Name: var name } && name == expression
                || expression.Parent is InvocationExpressionSyntax or MemberAccessExpressionSyntax or ConditionalAccessExpressionSyntax
                || expression.Parent is AssignmentExpressionSyntax assignment && assignment.Left == expression
                || expression.Parent is not (BinaryExpressionSyntax or ArgumentSyntax or BracketedArgumentListSyntax or ParenthesizedExpressionSyntax or ArrowExpressionClauseSyntax or ReturnStatementSyntax or EqualsValueClauseSyntax or AssignmentExpressionSyntax)
                || site.TypeOf(expression)?.SpecialType is not (SpecialType.System_Int32 or SpecialType.System_Int64)
                || site.Model.GetSymbolInfo(expression).Symbol is IMethodSymbol { MethodKind: not MethodKind.Ordinary })
            {
                continue;
            }
            var text = site.TextOf(expression);
            var multiplicative = expression.Parent is BinaryExpressionSyntax parent && (parent.IsKind(SyntaxKind.MultiplyExpression) || parent.IsKind(SyntaxKind.DivideExpression) || parent.IsKind(SyntaxKind.ModuloExpression));
            foreach (var delta in new[] { " - 1", " + 1" })
            {
                var replacement = multiplicative ? $"({text}{delta})" : text + delta;
                yield return TemplateCandidate.Replace("off-by-one", expression.Span, replacement, $"replace '{text}' with '{replacement}'");
            }
        }
    }
}
