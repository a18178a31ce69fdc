namespace SelfHeal.Code;

/// <summary>
/// The shape of one source file as far as localization needs it: its functions and methods, and its
/// statements (one span per statement, a multi-line statement as one span). Lexical, per language:
/// brace matching for C#, Java, JavaScript/TypeScript and Go (strings and comments masked first),
/// indentation for Python. Blank lines, comments, braces-only lines, imports, attributes and the
/// declarations of namespaces, classes and functions are not statements. Immutable and thread-safe.
/// </summary>
internal sealed class CodeOutline
{
    private readonly int[] _statementOfLine;

    public CodeOutline(CodeLanguage language, int lineCount, IReadOnlyList<CodeSymbol> symbols, IReadOnlyList<LineSpan> statements)
    {
        Language = language;
        LineCount = lineCount;
        Symbols = symbols;
        Statements = [.. statements.OrderBy(s => s.StartLine)];
        _statementOfLine = new int[lineCount + 2];
        Array.Fill(_statementOfLine, -1);
        for (var i = 0; i < Statements.Count; i++)
        {
            for (var line = Statements[i].StartLine; line <= Statements[i].EndLine && line <= lineCount; line++)
            {
                _statementOfLine[line] = i;
            }
        }
    }

    public CodeLanguage Language { get; }

    public int LineCount { get; }

    /// <summary>Functions and methods, in no particular order; nested ones are listed too.</summary>
    public IReadOnlyList<CodeSymbol> Symbols { get; }

    /// <summary>Statements in line order.</summary>
    public IReadOnlyList<LineSpan> Statements { get; }

    /// <summary>Outlines <paramref name="text"/>, choosing the language by <paramref name="path"/>'s extension.</summary>
    public static CodeOutline Parse(string path, string text)
    {
        var language = CodeLanguages.FromPath(path);
        var masked = SourceMasker.Mask(text, language);
        var lines = masked.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var lineCount = text.EndsWith('\n') ? lines.Length - 1 : lines.Length;
        var (symbols, statements) = language switch
        {
            CodeLanguage.Python => PythonOutliner.Outline(lines),
            CodeLanguage.Unknown => ([], [.. Enumerable.Range(1, lineCount).Where(l => lines[l - 1].Trim().Length > 0).Select(l => new LineSpan(l, l))]),
            _ => BraceOutliner.Outline(masked, lines, language),
        };
        return new CodeOutline(language, lineCount, symbols, statements);
    }

    /// <summary>The innermost function or method containing <paramref name="line"/>, or <see langword="null"/>.</summary>
    public CodeSymbol? EnclosingSymbol(int line) =>
        Symbols.Where(s => s.Contains(line)).OrderBy(s => s.EndLine - s.StartLine).FirstOrDefault();

    /// <summary>The statement containing <paramref name="line"/>; else <see langword="null"/>.</summary>
    public LineSpan? StatementContaining(int line) =>
        line >= 1 && line <= LineCount && _statementOfLine[line] >= 0 ? Statements[_statementOfLine[line]] : null;

    /// <summary>
    /// The statement a reported line stands for: the statement containing it; for a line that holds none
    /// (a closing brace, a signature, a blank) the nearest statement before it in the same function, else
    /// the first one after it in that function; <see langword="null"/> when there is none.
    /// </summary>
    public LineSpan? StatementAt(int line)
    {
        if (StatementContaining(line) is { } containing)
        {
            return containing;
        }
        var symbol = EnclosingSymbol(line);
        var lower = symbol?.StartLine ?? Math.Max(1, line - 2);
        var upper = symbol?.EndLine ?? Math.Min(LineCount, line + 2);
        for (var l = Math.Min(line, LineCount); l >= lower; l--)
        {
            if (StatementContaining(l) is { } before)
            {
                return before;
            }
        }
        for (var l = Math.Max(line, 1); l <= upper; l++)
        {
            if (StatementContaining(l) is { } after)
            {
                return after;
            }
        }
        return null;
    }

    /// <summary>The statements inside <paramref name="symbol"/>'s lines (nested functions' included).</summary>
    public IEnumerable<LineSpan> StatementsIn(CodeSymbol symbol) =>
        Statements.Where(s => s.StartLine >= symbol.StartLine && s.EndLine <= symbol.EndLine);
}
