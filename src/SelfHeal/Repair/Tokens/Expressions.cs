namespace SelfHeal.Repair.Tokens;

/// <summary>Token-level expression shapes: where a primary expression (<c>a.b(c)[d]</c>) starts and ends.</summary>
internal static class Expressions
{
    /// <summary>True when the token ends an operand, so an operator after it is binary.</summary>
    public static bool EndsOperand(Token t) =>
        t.Kind is TokenKind.Identifier or TokenKind.Number or TokenKind.String
        || t.Is(")") || t.Is("]")
        || (t.Kind == TokenKind.Keyword && t.Text is "True" or "False" or "None" or "true" or "false" or "null" or "nil" or "this" or "undefined" or "super");

    /// <summary>Index of the first token of the primary expression ending at <paramref name="end"/>, or -1.</summary>
    public static int PrimaryStart(SourceFile file, int end)
    {
        var i = end;
        while (i >= 0)
        {
            var t = file.Code[i];
            if (t.Is(")") || t.Is("]"))
            {
                var open = file.Match(i);
                if (open < 0)
                {
                    return -1;
                }
                i = open;
                if (i > 0 && (file.Code[i - 1].Kind == TokenKind.Identifier || file.Code[i - 1].Is(")") || file.Code[i - 1].Is("]")))
                {
                    i--;
                    continue;
                }
                return i;
            }
            if (!EndsOperand(t))
            {
                return -1;
            }
            if (i > 1 && (file.Code[i - 1].Is(".") || file.Code[i - 1].Is("?.")))
            {
                i -= 2;
                continue;
            }
            return i;
        }
        return -1;
    }

    /// <summary>Index of the last token of the primary expression starting at <paramref name="start"/>, or -1.</summary>
    public static int PrimaryEnd(SourceFile file, int start)
    {
        var t = file.Code[start];
        int i;
        if (t.Is("(") || t.Is("["))
        {
            i = file.Match(start);
        }
        else if (EndsOperand(t))
        {
            i = start;
        }
        else
        {
            return -1;
        }
        while (i >= 0 && i + 1 < file.Code.Count)
        {
            var next = file.Code[i + 1];
            if ((next.Is(".") || next.Is("?.")) && i + 2 < file.Code.Count && file.Code[i + 2].Kind == TokenKind.Identifier)
            {
                i += 2;
            }
            else if (next.Is("(") || next.Is("["))
            {
                i = file.Match(i + 1);
            }
            else
            {
                break;
            }
        }
        return i;
    }

    /// <summary>The source text from token <paramref name="first"/> through token <paramref name="last"/>.</summary>
    public static string TextOf(SourceFile file, int first, int last) =>
        file.Text[file.Code[first].Start..file.Code[last].End];
}
