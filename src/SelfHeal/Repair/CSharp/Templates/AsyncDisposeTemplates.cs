using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SelfHeal.Repair.CSharp.Templates;

/// <summary>
/// Missing <c>await</c> on a task in an async function (and <c>.Result</c>/<c>.Wait()</c>/<c>.GetAwaiter().GetResult()</c>
/// made awaits), missing <c>using</c> on a disposable local, and a missing <c>Flush</c>/<c>Dispose</c> at the end of its block.
/// </summary>
internal sealed class AsyncDisposeTemplates : IFixTemplateFamily
{
    public IEnumerable<TemplateCandidate> Propose(TemplateSite site)
    {
        foreach (var invocation in site.Nodes<InvocationExpressionSyntax>())
        {
            if (invocation.Parent is AwaitExpressionSyntax || !TemplateSite.InAsyncFunction(invocation))
            {
                continue;
            }
            if (IsAwaitable(site.TypeOf(invocation)) && invocation.Parent is not (MemberAccessExpressionSyntax or ConditionalAccessExpressionSyntax))
            {
                yield return TemplateCandidate.Insert("missing-await", invocation.SpanStart, "await ", $"await '{site.TextOf(invocation)}'");
            }
            if (invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.Text: "Wait", Expression: var waited } && IsAwaitable(site.TypeOf(waited)))
            {
                yield return TemplateCandidate.Replace("missing-await", invocation.Span, "await " + site.TextOf(waited), $"await '{site.TextOf(waited)}' instead of blocking");
            }
            if (invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.Text: "GetResult", Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.Text: "GetAwaiter", Expression: var task } } })
            {
                yield return TemplateCandidate.Replace("missing-await", invocation.Span, Await(invocation, site.TextOf(task)), $"await '{site.TextOf(task)}' instead of blocking");
            }
        }
        foreach (var result in site.Nodes<MemberAccessExpressionSyntax>().Where(m => m.Name.Identifier.Text == "Result" && IsAwaitable(site.TypeOf(m.Expression)) && TemplateSite.InAsyncFunction(m)))
        {
            yield return TemplateCandidate.Replace("missing-await", result.Span, Await(result, site.TextOf(result.Expression)), $"await '{site.TextOf(result.Expression)}' instead of '.Result'");
        }
        foreach (var declaration in site.Statements.OfType<LocalDeclarationStatementSyntax>())
        {
            foreach (var candidate in Disposal(site, declaration))
            {
                yield return candidate;
            }
        }
    }

    private static IEnumerable<TemplateCandidate> Disposal(TemplateSite site, LocalDeclarationStatementSyntax declaration)
    {
        if (declaration.UsingKeyword.IsKind(SyntaxKind.UsingKeyword) || declaration.Declaration.Variables.Count != 1)
        {
            yield break;
        }
        var variable = declaration.Declaration.Variables[0];
        if (site.Model.GetDeclaredSymbol(variable) is not ILocalSymbol local || !IsDisposable(local.Type) || variable.Initializer?.Value is not (ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax or InvocationExpressionSyntax))
        {
            yield break;
        }
        var asyncDisposable = TemplateSite.InAsyncFunction(declaration) && local.Type.AllInterfaces.Any(i => i.Name == "IAsyncDisposable");
        yield return TemplateCandidate.Insert("missing-using", declaration.SpanStart, "using ", $"dispose '{local.Name}' with 'using'");
        if (asyncDisposable)
        {
            yield return TemplateCandidate.Insert("missing-using", declaration.SpanStart, "await using ", $"dispose '{local.Name}' with 'await using'");
        }
        if (declaration.Parent is BlockSyntax block && block.Statements.Count > 0)
        {
            var last = block.Statements[^1];
            var anchor = last is ReturnStatementSyntax ? last : null;
            var indent = site.IndentAt(last.SpanStart);
            foreach (var member in new[] { "Flush", "Dispose" }.Where(m => local.Type.GetMembers(m).Length > 0 || local.Type.AllInterfaces.Any(i => i.GetMembers(m).Length > 0)))
            {
                var call = $"{indent}{local.Name}.{member}();{site.NewLine}";
                yield return anchor is not null
                    ? TemplateCandidate.Insert("missing-dispose", site.LineStart(anchor.SpanStart), call, $"call '{local.Name}.{member}()' before returning")
                    : TemplateCandidate.Insert("missing-dispose", site.LineEndWithBreak(last.Span.End), call, $"call '{local.Name}.{member}()' at the end of the block");
            }
        }
    }

    private static string Await(ExpressionSyntax replaced, string task) =>
        replaced.Parent is MemberAccessExpressionSyntax or ElementAccessExpressionSyntax or InvocationExpressionSyntax ? $"(await {task})" : $"await {task}";

    private static bool IsAwaitable(ITypeSymbol? type) => type is INamedTypeSymbol { Name: "Task" or "ValueTask", ContainingNamespace: { } ns } && ns.ToDisplayString() == "System.Threading.Tasks";

    private static bool IsDisposable(ITypeSymbol type) => type.AllInterfaces.Any(i => i.Name is "IDisposable" or "IAsyncDisposable") || type.Name is "IDisposable" or "IAsyncDisposable";
}
