namespace SelfHeal.Code;

/// <summary>
/// Blanks out what is not code: comments become spaces and the contents of string and character literals
/// become <see cref="StringFill"/>, so braces, parentheses and keywords inside them cannot mislead the
/// outliners. Line breaks and offsets are kept: the masked text lines up with the original character for character.
/// </summary>
internal static class SourceMasker
{
    /// <summary>Stands in for each character inside a string literal.</summary>
    public const char StringFill = '\u00A4';

    public static string Mask(string text, CodeLanguage language)
    {
        var chars = text.ToCharArray();
        var i = 0;
        while (i < chars.Length)
        {
            i = language == CodeLanguage.Python ? StepPython(chars, i) : StepBraces(chars, i, language);
        }
        return new string(chars);
    }

    private static int StepBraces(char[] c, int i, CodeLanguage language)
    {
        var ch = c[i];
        if (ch == '/' && At(c, i + 1) == '/')
        {
            return BlankToLineEnd(c, i);
        }
        if (ch == '/' && At(c, i + 1) == '*')
        {
            var end = IndexOf(c, "*/", i + 2);
            var stop = end < 0 ? c.Length : end + 2;
            Blank(c, i, stop);
            return stop;
        }
        if (ch == '"' && At(c, i + 1) == '"' && At(c, i + 2) == '"' && language is CodeLanguage.CSharp or CodeLanguage.Java)
        {
            // C# raw string literal or Java text block.
            var end = IndexOf(c, "\"\"\"", i + 3);
            var stop = end < 0 ? c.Length : end;
            Fill(c, i + 3, stop);
            return Math.Min(c.Length, stop + 3);
        }
        if (ch == '"' && language == CodeLanguage.CSharp && IsVerbatimPrefix(c, i))
        {
            var j = i + 1;
            while (j < c.Length && !(c[j] == '"' && At(c, j + 1) != '"'))
            {
                j += c[j] == '"' ? 2 : 1;
            }
            Fill(c, i + 1, Math.Min(j, c.Length));
            return j + 1;
        }
        if (ch is '"' or '\'')
        {
            return QuotedOnOneLine(c, i, ch);
        }
        if (ch == '`' && language is CodeLanguage.JavaScript or CodeLanguage.Go)
        {
            var j = i + 1;
            while (j < c.Length && c[j] != '`')
            {
                j += c[j] == '\\' && language == CodeLanguage.JavaScript ? 2 : 1;
            }
            Fill(c, i + 1, Math.Min(j, c.Length));
            return j + 1;
        }
        return i + 1;
    }

    private static int StepPython(char[] c, int i)
    {
        var ch = c[i];
        if (ch == '#')
        {
            return BlankToLineEnd(c, i);
        }
        if (ch is '"' or '\'')
        {
            if (At(c, i + 1) == ch && At(c, i + 2) == ch)
            {
                var j = i + 3;
                while (j < c.Length && !(c[j] == ch && At(c, j + 1) == ch && At(c, j + 2) == ch))
                {
                    j += c[j] == '\\' ? 2 : 1;
                }
                var stop = Math.Min(j, c.Length);
                Fill(c, i + 3, stop);
                return Math.Min(c.Length, stop + 3);
            }
            return QuotedOnOneLine(c, i, ch);
        }
        return i + 1;
    }

    /// <summary>A string or character literal that ends at its quote or, unterminated, at the line's end.</summary>
    private static int QuotedOnOneLine(char[] c, int i, char quote)
    {
        var j = i + 1;
        while (j < c.Length && c[j] != quote && c[j] != '\n')
        {
            j += c[j] == '\\' && At(c, j + 1) != '\n' ? 2 : 1;
        }
        var stop = Math.Min(j, c.Length);
        Fill(c, i + 1, stop);
        return stop < c.Length && c[stop] == quote ? stop + 1 : stop;
    }

    private static bool IsVerbatimPrefix(char[] c, int i) =>
        (At(c, i - 1) == '@') || (At(c, i - 1) == '$' && At(c, i - 2) == '@');

    private static int BlankToLineEnd(char[] c, int i)
    {
        var j = i;
        while (j < c.Length && c[j] != '\n')
        {
            c[j++] = ' ';
        }
        return j;
    }

    private static void Blank(char[] c, int from, int to)
    {
        for (var k = from; k < to && k < c.Length; k++)
        {
            if (c[k] is not ('\n' or '\r'))
            {
                c[k] = ' ';
            }
        }
    }

    private static void Fill(char[] c, int from, int to)
    {
        for (var k = from; k < to && k < c.Length; k++)
        {
            if (c[k] is not ('\n' or '\r'))
            {
                c[k] = StringFill;
            }
        }
    }

    private static char At(char[] c, int i) => i >= 0 && i < c.Length ? c[i] : '\0';

    private static int IndexOf(char[] c, string value, int start)
    {
        for (var k = start; k <= c.Length - value.Length; k++)
        {
            if (c.AsSpan(k, value.Length).SequenceEqual(value))
            {
                return k;
            }
        }
        return -1;
    }
}
