using System.Text.RegularExpressions;

namespace SelfHeal.Code;

/// <summary>Outlines C#, Java, JavaScript/TypeScript and Go by matching braces in masked text.</summary>
internal static partial class BraceOutliner
{
    private const int MaxStatementLines = 20;

    private const int MaxHeaderChars = 2000;

    public static (List<CodeSymbol> Symbols, List<LineSpan> Statements) Outline(string masked, string[] lines, CodeLanguage language)
    {
        var lineStarts = LineStarts(masked);
        var symbols = new List<CodeSymbol>();
        var declarations = new HashSet<int>();
        var stack = new List<OpenBlock>();
        var headerStart = 0;
        var parenDepth = 0;
        for (var pos = 0; pos < masked.Length; pos++)
        {
            switch (masked[pos])
            {
                case '(' or '[':
                    parenDepth++;
                    break;
                case ')' or ']':
                    parenDepth = Math.Max(0, parenDepth - 1);
                    break;
                case ';' when parenDepth == 0:
                    AddMember(masked, headerStart, pos, lineStarts, stack, symbols, declarations, language);
                    headerStart = pos + 1;
                    break;
                case '{':
                {
                    var start = HeaderStart(masked, headerStart, pos, language);
                    var inType = stack.Count > 0 && stack[^1].Header.Kind == BlockKind.Type;
                    var header = BraceHeader.Classify(masked[start..pos], language, inType);
                    var headerLine = LineOf(lineStarts, SkipSpace(masked, start, pos));
                    if (header.Kind != BlockKind.Other)
                    {
                        for (var l = headerLine; l <= LineOf(lineStarts, pos); l++)
                        {
                            declarations.Add(l);
                        }
                    }
                    stack.Add(new OpenBlock(header, headerLine, parenDepth));
                    parenDepth = 0;
                    headerStart = pos + 1;
                    break;
                }
                case '}':
                    if (stack.Count > 0)
                    {
                        var block = stack[^1];
                        stack.RemoveAt(stack.Count - 1);
                        Close(block, LineOf(lineStarts, pos), stack, symbols);
                        parenDepth = block.OuterParenDepth;
                    }
                    headerStart = pos + 1;
                    break;
                default:
                    break;
            }
        }
        var lastLine = lines.Length;
        for (var i = stack.Count - 1; i >= 0; i--)
        {
            var block = stack[i];
            stack.RemoveAt(i);
            Close(block, lastLine, stack, symbols);
        }
        return (symbols, BraceStatements.Find(lines, declarations, language, MaxStatementLines));
    }

    private static void Close(OpenBlock block, int endLine, List<OpenBlock> outer, List<CodeSymbol> symbols)
    {
        if (block.Header.Kind == BlockKind.Function && block.Header.Name is { } name)
        {
            symbols.Add(new CodeSymbol(name, block.Header.ClassName ?? ClassNameOf(outer), block.HeaderLine, endLine));
        }
    }

    /// <summary>
    /// A member ended by <c>;</c>: an expression-bodied one (<c>int Total() =&gt; ...;</c>, a JS arrow constant) becomes a
    /// symbol; a bodiless signature in a type (interface or abstract member) is a declaration, not a statement.
    /// </summary>
    private static void AddMember(string masked, int headerStart, int pos, int[] lineStarts, List<OpenBlock> stack, List<CodeSymbol> symbols, HashSet<int> declarations, CodeLanguage language)
    {
        var inFunction = stack.Any(b => b.Header.Kind == BlockKind.Function);
        if (inFunction)
        {
            return;
        }
        var start = HeaderStart(masked, headerStart, pos, language);
        var text = masked[start..pos];
        var inType = stack.Count > 0 && stack[^1].Header.Kind == BlockKind.Type;
        if (!inType && language != CodeLanguage.JavaScript)
        {
            return;
        }
        var first = LineOf(lineStarts, SkipSpace(masked, start, pos));
        var last = LineOf(lineStarts, pos);
        if (BraceHeader.ExpressionBodiedName(text, language) is { } name)
        {
            symbols.Add(new CodeSymbol(name, ClassNameOf(stack), first, last));
        }
        else if (inType && text.Contains('(', StringComparison.Ordinal) && !text.Contains('=', StringComparison.Ordinal))
        {
            for (var line = first; line <= last; line++)
            {
                declarations.Add(line);
            }
        }
    }

    private static string? ClassNameOf(IEnumerable<OpenBlock> stack)
    {
        var types = stack.Where(b => b.Header.Kind == BlockKind.Type).Select(b => b.Header.Name).ToList();
        return types.Count == 0 ? null : string.Join('.', types);
    }

    /// <summary>
    /// Where the declaration before a brace starts: the text since the last <c>;</c>, <c>{</c> or <c>}</c>, cut to its
    /// last complete line group (so attributes on earlier lines and statements of semicolon-free languages drop off),
    /// then past leading attributes and annotations.
    /// </summary>
    private static int HeaderStart(string masked, int from, int to, CodeLanguage language)
    {
        // A declaration is never longer than this; the cap keeps long semicolon-free stretches linear.
        from = Math.Max(from, to - MaxHeaderChars);
        var start = from;
        for (var nl = masked.LastIndexOf('\n', Math.Max(from, to - 1), Math.Max(0, to - from)); nl >= from; nl = nl > from ? masked.LastIndexOf('\n', nl - 1, nl - from) : -1)
        {
            var suffix = masked[(nl + 1)..to].Trim();
            if (suffix.Length == 0 || !Balanced(suffix) || ContinuesPrevious().IsMatch(suffix))
            {
                continue;
            }
            var previous = masked[from..nl].TrimEnd();
            if (previous.Length > 0 && EndsIncomplete().IsMatch(previous))
            {
                continue;
            }
            start = nl + 1;
            break;
        }
        var rest = masked[start..to];
        var leading = (language == CodeLanguage.CSharp ? CSharpAttributes() : Annotations()).Match(rest);
        return leading.Success ? start + leading.Length : start;
    }

    private static bool Balanced(string text)
    {
        var depth = 0;
        foreach (var c in text)
        {
            depth += c switch { '(' or '[' => 1, ')' or ']' => -1, _ => 0 };
            if (depth < 0)
            {
                return false;
            }
        }
        return depth == 0;
    }

    private static int SkipSpace(string masked, int from, int to)
    {
        while (from < to && char.IsWhiteSpace(masked[from]))
        {
            from++;
        }
        return from;
    }

    private static int[] LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }
        return [.. starts];
    }

    private static int LineOf(int[] lineStarts, int offset)
    {
        var index = Array.BinarySearch(lineStarts, offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }

    [GeneratedRegex(@"^(?:where|throws|extends|implements|:|\.|=>|\)|,)")]
    private static partial Regex ContinuesPrevious();

    [GeneratedRegex(@"(?:[,(=+\-*/&|.?:<]|=>)$")]
    private static partial Regex EndsIncomplete();

    [GeneratedRegex(@"^(?:\s*\[[^\]]*\])+")]
    private static partial Regex CSharpAttributes();

    [GeneratedRegex(@"^(?:\s*@[\w.]+(?:\([^)]*\))?)+")]
    private static partial Regex Annotations();

    private sealed record OpenBlock(BlockHeader Header, int HeaderLine, int OuterParenDepth);
}
