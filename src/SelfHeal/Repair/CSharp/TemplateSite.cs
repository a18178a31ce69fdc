using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace SelfHeal.Repair.CSharp;

/// <summary>
/// Where templates apply: the suspect's lines in a parsed, bound file. <see cref="Region"/> runs from the first
/// non-blank character of the first line to the end of the last line.
/// </summary>
internal sealed class TemplateSite
{
    public TemplateSite(SyntaxTree tree, SemanticModel model, TextSpan region, string? exceptionType)
    {
        Tree = tree;
        Model = model;
        Region = region;
        ExceptionType = exceptionType;
        Root = tree.GetRoot();
        Text = tree.GetText();
        NewLine = Text.ToString().Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        Statements = FindStatements();
    }

    public SyntaxTree Tree { get; }

    public SyntaxNode Root { get; }

    public SourceText Text { get; }

    public SemanticModel Model { get; }

    public TextSpan Region { get; }

    /// <summary>The root exception type of the failure's trace, when there is one.</summary>
    public string? ExceptionType { get; }

    /// <summary>The file's newline style.</summary>
    public string NewLine { get; }

    /// <summary>The innermost statements that start on the suspect's lines (or contain them), outermost first.</summary>
    public IReadOnlyList<StatementSyntax> Statements { get; }

    /// <summary>Nodes of type <typeparamref name="T"/> inside the region.</summary>
    public IEnumerable<T> Nodes<T>() where T : SyntaxNode =>
        Root.DescendantNodes(Region).OfType<T>().Where(n => Region.Contains(n.Span));

    /// <summary>The text of <paramref name="node"/> without trivia.</summary>
    public string TextOf(SyntaxNode node) => Text.ToString(node.Span);

    /// <summary>The whitespace before the first token on <paramref name="position"/>'s line.</summary>
    public string IndentAt(int position)
    {
        var line = Text.Lines.GetLineFromPosition(position);
        var text = Text.ToString(line.Span);
        return text[..(text.Length - text.TrimStart().Length)];
    }

    /// <summary>The start of <paramref name="position"/>'s line.</summary>
    public int LineStart(int position) => Text.Lines.GetLineFromPosition(position).Start;

    /// <summary>The end of <paramref name="position"/>'s line including its line break.</summary>
    public int LineEndWithBreak(int position) => Text.Lines.GetLineFromPosition(position).EndIncludingLineBreak;

    /// <summary>Whether <paramref name="node"/> starts its line (only whitespace before it).</summary>
    public bool StartsLine(SyntaxNode node) => IndentAt(node.SpanStart).Length == node.SpanStart - LineStart(node.SpanStart);

    public ITypeSymbol? TypeOf(SyntaxNode node) => Model.GetTypeInfo(node).Type;

    /// <summary>Whether the function enclosing <paramref name="node"/> is async.</summary>
    public static bool InAsyncFunction(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case AnonymousFunctionExpressionSyntax lambda:
                    return lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword);
                case LocalFunctionStatementSyntax local:
                    return local.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case MethodDeclarationSyntax method:
                    return method.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case MemberDeclarationSyntax:
                    return false;
            }
        }
        return false;
    }

    /// <summary>The return type of the function enclosing <paramref name="node"/> (unwrapped from Task for async ones); null when unknown.</summary>
    public ITypeSymbol? ReturnTypeAt(SyntaxNode node)
    {
        var function = node.Ancestors().FirstOrDefault(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or PropertyDeclarationSyntax);
        var symbol = function switch
        {
            null => null,
            AnonymousFunctionExpressionSyntax => Model.GetSymbolInfo(function).Symbol as IMethodSymbol,
            _ => Model.GetDeclaredSymbol(function) switch
            {
                IMethodSymbol m => m,
                IPropertySymbol p => p.GetMethod,
                _ => null,
            },
        };
        if (symbol is null)
        {
            return null;
        }
        var type = symbol.ReturnType;
        if (symbol.IsAsync && type is INamedTypeSymbol { Name: "Task" or "ValueTask" } named)
        {
            return named.TypeArguments.Length == 1 ? named.TypeArguments[0] : Model.Compilation.GetSpecialType(SpecialType.System_Void);
        }
        return type;
    }

    private List<StatementSyntax> FindStatements()
    {
        var found = new List<StatementSyntax>();
        var first = Text.Lines.GetLineFromPosition(Region.Start).LineNumber;
        var last = Text.Lines.GetLineFromPosition(Math.Max(Region.Start, Region.End - 1)).LineNumber;
        for (var number = first; number <= last; number++)
        {
            var line = Text.Lines[number];
            var lineText = Text.ToString(line.Span);
            var offset = lineText.Length - lineText.TrimStart().Length;
            if (offset == lineText.Length)
            {
                continue;
            }
            var token = Root.FindToken(line.Start + offset);
            var statement = token.Parent?.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(s => s is not BlockSyntax);
            if (statement is not null && !found.Contains(statement))
            {
                found.Add(statement);
            }
        }
        return found;
    }
}
