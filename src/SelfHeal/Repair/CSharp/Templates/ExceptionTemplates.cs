using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SelfHeal.Repair.CSharp.Templates;

/// <summary>
/// Handling the trace's exception where it is thrown: a catch clause of that type added to the enclosing try with the
/// body of an existing catch, or the suspect statement wrapped in <c>try { … } catch (T) { … }</c>.
/// </summary>
internal sealed class ExceptionTemplates : IFixTemplateFamily
{
    public IEnumerable<TemplateCandidate> Propose(TemplateSite site)
    {
        if (site.ExceptionType is not { Length: > 0 } exception)
        {
            yield break;
        }
        var type = exception.Split('`')[0].Replace('+', '.');
        var statement = site.Statements.FirstOrDefault(s => s.Parent is BlockSyntax && site.StartsLine(s) && MayThrow(s));
        if (statement is null)
        {
            yield break;
        }
        var enclosingTry = statement.Ancestors().TakeWhile(a => a is not MemberDeclarationSyntax).OfType<TryStatementSyntax>().FirstOrDefault(t => t.Catches.Count > 0 && t.Block.Span.Contains(statement.Span));
        if (enclosingTry is not null)
        {
            var first = enclosingTry.Catches[0];
            var at = site.LineStart(first.SpanStart);
            foreach (var sibling in enclosingTry.Catches)
            {
                var identifier = sibling.Declaration?.Identifier.Text is { Length: > 0 } name ? " " + name : string.Empty;
                var clause = $"{site.IndentAt(sibling.SpanStart)}catch ({type}{identifier}){site.NewLine}{site.IndentAt(sibling.Block.SpanStart)}{site.TextOf(sibling.Block)}{site.NewLine}";
                yield return TemplateCandidate.Insert("add-catch", at, clause, $"catch {type} like '{site.TextOf(sibling.CatchKeyword.Parent!).Split('\n')[0].Trim()}'");
            }
        }
        var indent = site.IndentAt(statement.SpanStart);
        var returnType = site.ReturnTypeAt(statement);
        var handlers = new List<string>();
        if (statement.Ancestors().TakeWhile(a => a is not MemberDeclarationSyntax).Any(a => a is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax))
        {
            handlers.Add("continue;");
        }
        handlers.Add(returnType?.SpecialType == SpecialType.System_Void ? "return;" : "return default;");
        handlers.Add(string.Empty);
        var start = site.LineStart(statement.SpanStart);
        var end = site.LineEndWithBreak(statement.Span.End);
        var original = site.Text.ToString(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(start, end));
        foreach (var handler in handlers)
        {
            yield return new TemplateCandidate("catch-exception", [new SourceEdit(start, end - start, Wrap(site, original, indent, type, handler))], $"catch {type} around '{site.TextOf(statement).Split('\n')[0].Trim()}'" + (handler.Length > 0 ? $" and '{handler}'" : string.Empty));
        }
    }

    /// <summary>Whether <paramref name="statement"/> does something that can throw (a call, a creation, an index, a cast, a dereference).</summary>
    private static bool MayThrow(StatementSyntax statement) =>
        statement is not LocalDeclarationStatementSyntax
        && (statement is ExpressionStatementSyntax or ReturnStatementSyntax or ThrowStatementSyntax || statement.Parent is BlockSyntax)
        && Header(statement).Any(n => n is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax or ElementAccessExpressionSyntax or CastExpressionSyntax or MemberAccessExpressionSyntax { Expression: not ThisExpressionSyntax });

    /// <summary>The nodes of <paramref name="statement"/> outside nested statements and lambdas.</summary>
    private static IEnumerable<SyntaxNode> Header(StatementSyntax statement) =>
        statement.DescendantNodes(n => n == statement || n is not (StatementSyntax or AnonymousFunctionExpressionSyntax));

    private static string Wrap(TemplateSite site, string original, string indent, string type, string handler)
    {
        var nl = site.NewLine;
        var body = new StringBuilder();
        foreach (var line in original.TrimEnd('\r', '\n').Split('\n'))
        {
            body.Append(line.TrimEnd('\r').Length == 0 ? string.Empty : "    " + line.TrimEnd('\r')).Append(nl);
        }
        var catchBody = handler.Length > 0 ? $"{indent}    {handler}{nl}" : string.Empty;
        return $"{indent}try{nl}{indent}{{{nl}{body}{indent}}}{nl}{indent}catch ({type}){nl}{indent}{{{nl}{catchBody}{indent}}}{nl}";
    }
}
