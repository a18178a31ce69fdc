namespace SelfHeal.Repair.Tokens;

/// <summary>A file's text with its tokens and line table: what every template reads.</summary>
internal sealed class SourceFile
{
    private readonly List<int> _lineStarts = [0];

    public SourceFile(string path, string text, TokenLanguage language)
    {
        Path = path;
        Text = text;
        Language = language;
        Tokens = TokenLexer.Lex(text, language);
        Code = Tokens.Where(t => !t.IsTrivia).ToList();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    /// <summary>Repo-relative path, forward slashes.</summary>
    public string Path { get; }

    public string Text { get; }

    public TokenLanguage Language { get; }

    /// <summary>Every token, trivia included.</summary>
    public IReadOnlyList<Token> Tokens { get; }

    /// <summary>The tokens that are code: no comments, newlines or indentation.</summary>
    public IReadOnlyList<Token> Code { get; }

    public int LineCount => _lineStarts.Count;

    /// <summary>Offset of the first character of 1-based <paramref name="line"/>.</summary>
    public int LineStart(int line) => _lineStarts[Math.Clamp(line, 1, _lineStarts.Count) - 1];

    /// <summary>Offset just after <paramref name="line"/>'s line break (or the end of the text).</summary>
    public int LineEndWithBreak(int line) => line >= _lineStarts.Count ? Text.Length : _lineStarts[line];

    /// <summary>The line's text without its line break.</summary>
    public string LineText(int line) => Text[LineStart(line)..LineEndWithBreak(line)].TrimEnd('\n', '\r');

    /// <summary>The line's leading whitespace.</summary>
    public string Indentation(int line)
    {
        var text = LineText(line);
        return text[..(text.Length - text.TrimStart(' ', '\t').Length)];
    }

    /// <summary>Index in <see cref="Code"/> of the token matching the bracket at <paramref name="index"/>, or -1.</summary>
    public int Match(int index)
    {
        var open = Code[index].Text;
        var (step, close) = open switch
        {
            "(" => (1, ")"),
            "[" => (1, "]"),
            "{" => (1, "}"),
            ")" => (-1, "("),
            "]" => (-1, "["),
            "}" => (-1, "{"),
            _ => (0, ""),
        };
        if (step == 0)
        {
            return -1;
        }
        var depth = 0;
        for (var i = index; i >= 0 && i < Code.Count; i += step)
        {
            if (Code[i].Kind != TokenKind.Punctuation)
            {
                continue;
            }
            depth += Code[i].Text == open ? 1 : Code[i].Text == close ? -1 : 0;
            if (depth == 0)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>The lines of the function (or, failing that, the file) around <paramref name="line"/>.</summary>
    public (int First, int Last) FunctionAround(int line) => Language == TokenLanguage.Python ? PythonFunction(line) : BraceFunction(line);

    private (int, int) PythonFunction(int line)
    {
        for (var l = Math.Min(line, LineCount); l >= 1; l--)
        {
            var text = LineText(l).TrimStart();
            if (!text.StartsWith("def ", StringComparison.Ordinal) && !text.StartsWith("async def ", StringComparison.Ordinal))
            {
                continue;
            }
            var indent = Indentation(l).Length;
            var last = l;
            for (var k = l + 1; k <= LineCount; k++)
            {
                var body = LineText(k);
                if (body.Trim().Length == 0)
                {
                    continue;
                }
                if (body.Length - body.TrimStart().Length <= indent)
                {
                    break;
                }
                last = k;
            }
            if (last >= line)
            {
                return (l, last);
            }
        }
        return (1, LineCount);
    }

    /// <summary>The outermost brace block around the line that opens after ')' or '=>' (a function body).</summary>
    private (int, int) BraceFunction(int line)
    {
        (int, int) best = (1, LineCount);
        for (var i = 0; i < Code.Count; i++)
        {
            if (!Code[i].Is("{") || Code[i].Line > line || i == 0 || !(Code[i - 1].Is(")") || Code[i - 1].Is("=>") || Code[i - 1].Kind == TokenKind.Identifier && Code[i - 1].Line == Code[i].Line && IsAfterParams(i - 1)))
            {
                continue;
            }
            var close = Match(i);
            if (close >= 0 && Code[close].Line >= line)
            {
                return (Code[i].Line, Code[close].Line);
            }
        }
        return best;
    }

    /// <summary>Java's <c>throws X {</c> and Go's result types: an identifier after a ')' on the same line.</summary>
    private bool IsAfterParams(int index)
    {
        for (var i = index; i >= 0 && Code[i].Line == Code[index].Line; i--)
        {
            if (Code[i].Is(")"))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Index in <see cref="Code"/> of tokens on lines <paramref name="first"/>..<paramref name="last"/>.</summary>
    public IEnumerable<int> CodeOnLines(int first, int last)
    {
        for (var i = 0; i < Code.Count; i++)
        {
            if (Code[i].Line >= first && Code[i].Line <= last)
            {
                yield return i;
            }
        }
    }
}
