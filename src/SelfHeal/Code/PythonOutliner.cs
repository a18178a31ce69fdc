using System.Text.RegularExpressions;

namespace SelfHeal.Code;

/// <summary>Outlines Python by indentation: <c>def</c> and <c>class</c> open scopes that end at the next line indented no deeper.</summary>
internal static partial class PythonOutliner
{
    private const int MaxStatementLines = 20;

    public static (List<CodeSymbol> Symbols, List<LineSpan> Statements) Outline(string[] lines)
    {
        var symbols = new List<CodeSymbol>();
        var statements = new List<LineSpan>();
        var scopes = new List<Scope>();
        var lastCodeLine = 0;
        var line = 1;
        while (line <= lines.Length)
        {
            var text = lines[line - 1];
            var trimmed = text.Trim();
            if (trimmed.Length == 0)
            {
                line++;
                continue;
            }
            var end = LogicalLineEnd(lines, line);
            var indent = Indent(text);
            while (scopes.Count > 0 && scopes[^1].Indent >= indent)
            {
                Close(scopes, symbols, lastCodeLine);
            }

            if (Definition().Match(trimmed) is { Success: true } def)
            {
                var kind = def.Groups[1].Value == "class" ? BlockKind.Type : BlockKind.Function;
                scopes.Add(new Scope(kind, def.Groups[2].Value, indent, line));
            }
            else if (!IsNotAStatement(trimmed))
            {
                statements.Add(new LineSpan(line, end));
            }
            lastCodeLine = end;
            line = end + 1;
        }
        while (scopes.Count > 0)
        {
            Close(scopes, symbols, lastCodeLine);
        }
        return (symbols, statements);
    }

    private static void Close(List<Scope> scopes, List<CodeSymbol> symbols, int endLine)
    {
        var scope = scopes[^1];
        scopes.RemoveAt(scopes.Count - 1);
        if (scope.Kind == BlockKind.Function)
        {
            var classes = scopes.Where(s => s.Kind == BlockKind.Type).Select(s => s.Name).ToList();
            symbols.Add(new CodeSymbol(scope.Name, classes.Count == 0 ? null : string.Join('.', classes), scope.StartLine, Math.Max(endLine, scope.StartLine)));
        }
    }

    /// <summary>
    /// The last physical line of the logical line starting at <paramref name="start"/>: open brackets, a trailing
    /// backslash and an open triple-quoted string continue it.
    /// </summary>
    private static int LogicalLineEnd(string[] lines, int start)
    {
        var depth = 0;
        var inTripleQuotes = false;
        var line = start;
        while (line < lines.Length && line - start < MaxStatementLines)
        {
            var text = lines[line - 1];
            foreach (var c in text)
            {
                depth += c switch { '(' or '[' or '{' => 1, ')' or ']' or '}' => -1, _ => 0 };
            }
            inTripleQuotes ^= CountTripleQuotes(text) % 2 == 1;
            if (!inTripleQuotes && depth <= 0 && !text.TrimEnd().EndsWith('\\'))
            {
                return line;
            }
            line++;
        }
        return Math.Min(line, lines.Length);
    }

    private static int CountTripleQuotes(string text)
    {
        var count = 0;
        for (var i = 0; i + 2 < text.Length; i++)
        {
            if (text[i] is '"' or '\'' && text[i + 1] == text[i] && text[i + 2] == text[i])
            {
                count++;
                i += 2;
            }
        }
        return count;
    }

    private static int Indent(string text)
    {
        var indent = 0;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                indent++;
            }
            else if (c == '\t')
            {
                indent += 8 - (indent % 8);
            }
            else
            {
                break;
            }
        }
        return indent;
    }

    private static bool IsNotAStatement(string t) => NonStatement().IsMatch(t) || IsStringOnly(t);

    /// <summary>A docstring or a bare string expression: nothing but (prefixed) string literals.</summary>
    private static bool IsStringOnly(string t)
    {
        var s = t.TrimStart('r', 'b', 'u', 'f', 'R', 'B', 'U', 'F');
        return s.Length > 0 && s[0] is '"' or '\'' or SourceMasker.StringFill && s.All(c => c is '"' or '\'' or ' ' or SourceMasker.StringFill);
    }

    [GeneratedRegex(@"^(?:async\s+)?(def|class)\s+([A-Za-z_]\w*)")]
    private static partial Regex Definition();

    [GeneratedRegex(@"^(?:import\s|from\s+\S+\s+import\s|@[\w.]+|(?:else|try|finally)\s*:$|pass$|if\s+__name__\s*==)")]
    private static partial Regex NonStatement();

    private sealed record Scope(BlockKind Kind, string Name, int Indent, int StartLine);
}
