namespace SelfHeal.Repair.Tokens;

/// <summary>
/// An in-memory syntax check for any language: brackets balance and no two binary operators meet
/// (<c>&lt;</c> and <c>&gt;</c> are left out: <c>new ArrayDeque&lt;&gt;()</c> is a type argument list).
/// </summary>
internal static class TokenBalance
{
    private static readonly HashSet<string> Binary = new(StringComparer.Ordinal)
    {
        "*", "/", "%", "<=", ">=", "==", "!=", "===", "!==", "&&", "||", "=", "+=", "-=", "*=", "/=", "//", "**", "|",
    };

    /// <summary>Operators that may also start an operand (<c>x = *p</c>, <c>f(*args)</c>, <c>&amp;v</c>).</summary>
    private static readonly HashSet<string> PrefixToo = new(StringComparer.Ordinal) { "*", "**", "&", "|" };

    public static bool IsPlausible(string text, TokenLanguage language)
    {
        var stack = new Stack<char>();
        Token? previous = null;
        foreach (var t in TokenLexer.Lex(text, language))
        {
            if (t.IsTrivia)
            {
                continue;
            }
            if (t.Kind == TokenKind.Punctuation && t.Text.Length == 1 && "([{".Contains(t.Text[0], StringComparison.Ordinal))
            {
                stack.Push(t.Text[0]);
            }
            else if (t.Kind == TokenKind.Punctuation && t.Text.Length == 1 && ")]}".Contains(t.Text[0], StringComparison.Ordinal))
            {
                var expected = t.Text[0] switch { ')' => '(', ']' => '[', _ => '{' };
                if (stack.Count == 0 || stack.Pop() != expected)
                {
                    return false;
                }
            }
            if (previous is not null && previous.Kind == TokenKind.Operator && t.Kind == TokenKind.Operator && Binary.Contains(previous.Text) && Binary.Contains(t.Text) && !PrefixToo.Contains(t.Text))
            {
                return false;
            }
            previous = t;
        }
        return stack.Count == 0;
    }
}
