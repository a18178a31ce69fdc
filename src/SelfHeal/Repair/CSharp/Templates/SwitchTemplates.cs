using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SelfHeal.Repair.CSharp.Templates;

/// <summary>
/// A missing <c>case</c>: an enum member no label of the enclosing switch handles, added to each existing section
/// (or arm) in turn; and a missing <c>break</c>/<c>return</c> after an assignment.
/// </summary>
internal sealed class SwitchTemplates : IFixTemplateFamily
{
    public IEnumerable<TemplateCandidate> Propose(TemplateSite site)
    {
        var anchor = site.Root.FindNode(site.Region, getInnermostNodeForTie: true);
        if (Enclosing<SwitchStatementSyntax>(site, anchor) is { } statement)
        {
            foreach (var candidate in MissingCases(site, statement))
            {
                yield return candidate;
            }
        }
        if (Enclosing<SwitchExpressionSyntax>(site, anchor) is { } expression)
        {
            foreach (var candidate in MissingArms(site, expression))
            {
                yield return candidate;
            }
        }
        foreach (var assignment in site.Statements.OfType<ExpressionStatementSyntax>().Where(s => s.Expression is AssignmentExpressionSyntax && s.Parent is BlockSyntax or SwitchSectionSyntax))
        {
            foreach (var candidate in MissingJumps(site, assignment))
            {
                yield return candidate;
            }
        }
    }

    /// <summary>The switch around the region, else the first one starting in it.</summary>
    private static T? Enclosing<T>(TemplateSite site, SyntaxNode anchor) where T : SyntaxNode =>
        anchor.AncestorsAndSelf().OfType<T>().FirstOrDefault()
        ?? anchor.DescendantNodes().OfType<T>().FirstOrDefault(s => site.Region.IntersectsWith(s.Span));

    private static IEnumerable<TemplateCandidate> MissingCases(TemplateSite site, SwitchStatementSyntax statement)
    {
        var labels = statement.Sections.SelectMany(s => s.Labels).OfType<CaseSwitchLabelSyntax>().ToList();
        foreach (var member in Unhandled(site, statement.Expression, labels.Select(l => l.Value)))
        {
            var prefix = Prefix(site, labels.Select(l => l.Value), member);
            foreach (var section in statement.Sections.Where(s => s.Labels.Count > 0))
            {
                var last = section.Labels[^1];
                var indent = site.IndentAt(last.SpanStart);
                yield return TemplateCandidate.Insert("missing-case", last.Span.End, $"{site.NewLine}{indent}case {prefix}{member.Name}:", $"handle {member.Name} like '{site.TextOf(section.Labels[0])}'");
            }
        }
    }

    private static IEnumerable<TemplateCandidate> MissingArms(TemplateSite site, SwitchExpressionSyntax expression)
    {
        var patterns = expression.Arms.Select(a => a.Pattern).OfType<ConstantPatternSyntax>().Select(p => p.Expression).ToList();
        foreach (var member in Unhandled(site, expression.GoverningExpression, patterns))
        {
            var prefix = Prefix(site, patterns, member);
            foreach (var arm in expression.Arms.Where(a => a.Pattern is not DiscardPatternSyntax))
            {
                yield return TemplateCandidate.Insert("missing-case", arm.Pattern.Span.End, $" or {prefix}{member.Name}", $"handle {member.Name} like '{site.TextOf(arm.Pattern)}'");
            }
        }
    }

    private static IEnumerable<IFieldSymbol> Unhandled(TemplateSite site, ExpressionSyntax governing, IEnumerable<ExpressionSyntax> handled)
    {
        if (site.TypeOf(governing) is not INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType)
        {
            return [];
        }
        var seen = handled.Select(h => site.Model.GetSymbolInfo(h).Symbol).OfType<IFieldSymbol>().ToHashSet(SymbolEqualityComparer.Default);
        return enumType.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue && !seen.Contains(f));
    }

    /// <summary>How the existing labels spell the enum (<c>OrderStatus.</c>), so the new label reads like them.</summary>
    private static string Prefix(TemplateSite site, IEnumerable<ExpressionSyntax> existing, IFieldSymbol member)
    {
        var sample = existing.OfType<MemberAccessExpressionSyntax>().FirstOrDefault();
        return sample is not null ? site.TextOf(sample.Expression) + "." : member.ContainingType.Name + ".";
    }

    private static IEnumerable<TemplateCandidate> MissingJumps(TemplateSite site, ExpressionStatementSyntax statement)
    {
        var indent = site.IndentAt(statement.SpanStart);
        var at = site.LineEndWithBreak(statement.Span.End);
        var inLoop = statement.Ancestors().TakeWhile(a => a is not MemberDeclarationSyntax and not AnonymousFunctionExpressionSyntax)
            .Any(a => a is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax);
        if (inLoop || statement.Parent is SwitchSectionSyntax)
        {
            yield return TemplateCandidate.Insert("missing-jump", at, $"{indent}break;{site.NewLine}", "break after the assignment");
        }
        var returnType = site.ReturnTypeAt(statement);
        var assigned = ((AssignmentExpressionSyntax)statement.Expression).Left;
        if (returnType?.SpecialType == SpecialType.System_Void)
        {
            yield return TemplateCandidate.Insert("missing-jump", at, $"{indent}return;{site.NewLine}", "return after the assignment");
        }
        else if (returnType is not null && SymbolEqualityComparer.Default.Equals(site.TypeOf(assigned), returnType))
        {
            yield return TemplateCandidate.Insert("missing-jump", at, $"{indent}return {site.TextOf(assigned)};{site.NewLine}", $"return '{site.TextOf(assigned)}' after the assignment");
        }
    }
}
