namespace SelfHeal.Repair.Tokens;

/// <summary>
/// A small lexer for Python, JavaScript/TypeScript, Java and Go: enough to tell code from strings and
/// comments and to give every token its exact span. Never throws: unterminated strings and comments run
/// to the end of the text.
/// </summary>
internal sealed partial class TokenLexer
{
    private readonly string _text;
    private readonly TokenLanguage _language;
    private readonly List<Token> _tokens = [];
    private int _pos;
    private int _line = 1;
    private int _depth;

    private TokenLexer(string text, TokenLanguage language)
    {
        _text = text;
        _language = language;
    }

    /// <summary>The tokens of <paramref name="text"/>, in order; whitespace other than Python indentation is dropped.</summary>
    public static IReadOnlyList<Token> Lex(string text, TokenLanguage language)
    {
        var lexer = new TokenLexer(text, language);
        lexer.Run();
        return lexer._tokens;
    }

    private char Peek(int ahead = 0) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private void Run()
    {
        var atLineStart = true;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\n')
            {
                Emit(TokenKind.Newline, _pos, 1);
                _line++;
                _pos++;
                atLineStart = true;
                continue;
            }
            if (c is ' ' or '\t' or '\r' or '\f')
            {
                var start = _pos;
                while (Peek() is ' ' or '\t' or '\r' or '\f')
                {
                    _pos++;
                }
                if (atLineStart && _language == TokenLanguage.Python && _depth == 0 && Peek() is not ('\n' or '#' or '\0'))
                {
                    Emit(TokenKind.Indent, start, _pos - start);
                }
                continue;
            }
            atLineStart = false;
            LexToken(c);
        }
    }

    private void LexToken(char c)
    {
        var start = _pos;
        if (StartsComment())
        {
            ReadComment();
            Emit(TokenKind.Comment, start, _pos - start);
        }
        else if (TryReadString())
        {
            Emit(TokenKind.String, start, _pos - start);
        }
        else if (char.IsDigit(c) || (c == '.' && char.IsDigit(Peek(1))))
        {
            ReadNumber();
            Emit(TokenKind.Number, start, _pos - start);
        }
        else if (char.IsLetter(c) || c is '_' or '$')
        {
            while (char.IsLetterOrDigit(Peek()) || Peek() is '_' or '$')
            {
                _pos++;
            }
            var word = _text[start.._pos];
            Emit(LanguageSyntax.IsKeyword(_language, word) ? TokenKind.Keyword : TokenKind.Identifier, start, _pos - start);
        }
        else if (c is '(' or ')' or '[' or ']' or '{' or '}' or ',' or ';' or ':' or '.')
        {
            if (_language is TokenLanguage.JavaScript or TokenLanguage.Python or TokenLanguage.Go && c == '.' && Peek(1) == '.' && Peek(2) == '.')
            {
                _pos += 3;
                Emit(TokenKind.Operator, start, 3);
                return;
            }
            if (c == ':' && (Peek(1) == '=' && _language is TokenLanguage.Python or TokenLanguage.Go || Peek(1) == ':' && _language == TokenLanguage.Java))
            {
                _pos += 2;
                Emit(TokenKind.Operator, start, 2);
                return;
            }
            _depth += c is '(' or '[' or '{' ? 1 : c is ')' or ']' or '}' ? -1 : 0;
            _depth = Math.Max(0, _depth);
            _pos++;
            Emit(TokenKind.Punctuation, start, 1);
        }
        else
        {
            var op = LanguageSyntax.Operators(_language).FirstOrDefault(o => string.CompareOrdinal(_text, _pos, o, 0, o.Length) == 0);
            var length = op?.Length ?? 1;
            if (op == "?." && char.IsDigit(Peek(2)))
            {
                length = 1;
            }
            _pos += length;
            Emit(op is null ? TokenKind.Punctuation : TokenKind.Operator, start, length);
        }
    }

    private void ReadNumber()
    {
        var radix = Peek() == '0' && char.ToLowerInvariant(Peek(1)) is 'x' or 'b' or 'o';
        if (radix)
        {
            _pos += 2;
        }
        while (char.IsLetterOrDigit(Peek()) || Peek() == '_' || (Peek() == '.' && char.IsDigit(Peek(1)))
               || (!radix && Peek() is '+' or '-' && char.ToLowerInvariant(_text[_pos - 1]) == 'e' && char.IsDigit(Peek(1))))
        {
            _pos++;
        }
    }

    private bool StartsComment() =>
        _language == TokenLanguage.Python ? Peek() == '#' : Peek() == '/' && Peek(1) is '/' or '*';

    private void ReadComment()
    {
        if (Peek() == '/' && Peek(1) == '*')
        {
            var end = _text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
            Advance(end < 0 ? _text.Length : end + 2);
            return;
        }
        while (_pos < _text.Length && _text[_pos] != '\n')
        {
            _pos++;
        }
    }

    /// <summary>Moves to <paramref name="end"/>, counting the line breaks passed.</summary>
    private void Advance(int end)
    {
        for (; _pos < end && _pos < _text.Length; _pos++)
        {
            if (_text[_pos] == '\n')
            {
                _line++;
            }
        }
    }

    private void Emit(TokenKind kind, int start, int length)
    {
        var startLine = _line - _text.AsSpan(start, length).Count('\n');
        if (kind is TokenKind.String or TokenKind.Comment)
        {
            // The line counter already moved past the token's own line breaks.
            _tokens.Add(new Token(kind, start, length, _text.Substring(start, length), startLine));
            return;
        }
        _tokens.Add(new Token(kind, start, length, _text.Substring(start, length), _line));
    }
}
