namespace SelfHeal.Repair.Tokens;

internal sealed partial class TokenLexer
{
    private static readonly string[] PythonPrefixes = ["rb", "br", "fr", "rf", "r", "b", "u", "f"];

    /// <summary>Reads a string, character, template or regex literal at the current position, if one starts here.</summary>
    private bool TryReadString() => _language switch
    {
        TokenLanguage.Python => TryReadPythonString(),
        TokenLanguage.JavaScript => TryReadJavaScriptString(),
        TokenLanguage.Java => TryReadJavaString(),
        _ => TryReadGoString(),
    };

    private bool TryReadPythonString()
    {
        var prefix = 0;
        foreach (var p in PythonPrefixes)
        {
            if (string.Compare(_text, _pos, p, 0, p.Length, StringComparison.OrdinalIgnoreCase) == 0 && Peek(p.Length) is '"' or '\'')
            {
                prefix = p.Length;
                break;
            }
        }
        var quote = Peek(prefix);
        if (quote is not ('"' or '\''))
        {
            return false;
        }
        _pos += prefix;
        var triple = Peek(1) == quote && Peek(2) == quote;
        var raw = _text.AsSpan(_pos - prefix, prefix).Contains('r') || _text.AsSpan(_pos - prefix, prefix).Contains('R');
        if (triple)
        {
            _pos += 3;
            ReadUntil(new string(quote, 3), escapes: !raw, stopAtNewline: false);
        }
        else
        {
            _pos++;
            ReadUntil(quote.ToString(), escapes: true, stopAtNewline: true);
        }
        return true;
    }

    private bool TryReadJavaString()
    {
        if (Peek() == '"' && Peek(1) == '"' && Peek(2) == '"')
        {
            _pos += 3;
            ReadUntil("\"\"\"", escapes: true, stopAtNewline: false);
            return true;
        }
        if (Peek() is '"' or '\'')
        {
            var quote = Peek();
            _pos++;
            ReadUntil(quote.ToString(), escapes: true, stopAtNewline: true);
            return true;
        }
        return false;
    }

    private bool TryReadGoString()
    {
        if (Peek() == '`')
        {
            _pos++;
            ReadUntil("`", escapes: false, stopAtNewline: false);
            return true;
        }
        return TryReadJavaString();
    }

    private bool TryReadJavaScriptString()
    {
        var c = Peek();
        if (c is '"' or '\'')
        {
            _pos++;
            ReadUntil(c.ToString(), escapes: true, stopAtNewline: true);
            return true;
        }
        if (c == '`')
        {
            _pos++;
            ReadTemplate();
            return true;
        }
        if (c == '/' && RegexAllowedHere())
        {
            _pos++;
            ReadRegex();
            return true;
        }
        return false;
    }

    /// <summary>A '/' starts a regex where an operand is expected: at the start, after an operator, an opening bracket or a keyword.</summary>
    private bool RegexAllowedHere()
    {
        var previous = _tokens.LastOrDefault(t => !t.IsTrivia);
        return previous is null
            || previous.Kind == TokenKind.Operator
            || (previous.Kind == TokenKind.Punctuation && previous.Text is not (")" or "]" or "}"))
            || (previous.Kind == TokenKind.Keyword && previous.Text is not ("this" or "super" or "null" or "true" or "false" or "undefined"));
    }

    private void ReadRegex()
    {
        var inClass = false;
        while (_pos < _text.Length && _text[_pos] != '\n')
        {
            var c = _text[_pos++];
            if (c == '\\')
            {
                _pos++;
            }
            else if (c == '[')
            {
                inClass = true;
            }
            else if (c == ']')
            {
                inClass = false;
            }
            else if (c == '/' && !inClass)
            {
                while (char.IsLetter(Peek()))
                {
                    _pos++;
                }
                return;
            }
        }
    }

    /// <summary>Reads a template literal body, skipping over <c>${...}</c> substitutions (which may hold strings and templates).</summary>
    private void ReadTemplate()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\\')
            {
                Advance(_pos + 2);
            }
            else if (c == '`')
            {
                _pos++;
                return;
            }
            else if (c == '$' && Peek(1) == '{')
            {
                Advance(_pos + 2);
                SkipSubstitution();
            }
            else
            {
                Advance(_pos + 1);
            }
        }
    }

    private void SkipSubstitution()
    {
        var depth = 1;
        while (_pos < _text.Length && depth > 0)
        {
            var c = _text[_pos];
            if (c is '"' or '\'')
            {
                _pos++;
                ReadUntil(c.ToString(), escapes: true, stopAtNewline: true);
            }
            else if (c == '`')
            {
                _pos++;
                ReadTemplate();
            }
            else
            {
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                Advance(_pos + 1);
            }
        }
    }

    private void ReadUntil(string close, bool escapes, bool stopAtNewline)
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (escapes && c == '\\')
            {
                Advance(_pos + 2);
                continue;
            }
            if (stopAtNewline && c == '\n')
            {
                return;
            }
            if (string.CompareOrdinal(_text, _pos, close, 0, close.Length) == 0)
            {
                _pos += close.Length;
                return;
            }
            Advance(_pos + 1);
        }
    }
}
