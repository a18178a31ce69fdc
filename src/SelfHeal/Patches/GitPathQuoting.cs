using System.Text;

namespace SelfHeal.Patches;

/// <summary>Reads path tokens the way git writes them: C-style quoted when they hold special or non-ASCII bytes.</summary>
internal static class GitPathQuoting
{
    /// <summary>
    /// Reads one path token from the start of <paramref name="text"/>. A quoted token ends at its closing quote;
    /// an unquoted one runs to the end (or to a tab, which git and <c>diff -u</c> put before a timestamp or after
    /// a name containing spaces). Returns <see langword="null"/> for an unterminated quote or a bad escape.
    /// </summary>
    public static (string Path, int Consumed)? ReadToken(string text, bool stopAtSpace = false)
    {
        if (text.StartsWith('"'))
        {
            return ReadQuoted(text);
        }
        var end = text.IndexOf('\t', StringComparison.Ordinal);
        if (stopAtSpace)
        {
            var space = text.IndexOf(' ', StringComparison.Ordinal);
            end = end < 0 ? space : space < 0 ? end : Math.Min(end, space);
        }
        return end < 0 ? (text, text.Length) : (text[..end], end);
    }

    private static (string Path, int Consumed)? ReadQuoted(string text)
    {
        var bytes = new List<byte>();
        var i = 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"')
            {
                return (Encoding.UTF8.GetString([.. bytes]), i + 1);
            }
            if (c != '\\')
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
                i++;
                continue;
            }
            if (i + 1 >= text.Length)
            {
                return null;
            }
            var e = text[i + 1];
            if (e is >= '0' and <= '7')
            {
                if (i + 3 >= text.Length || !IsOctal(text[i + 2]) || !IsOctal(text[i + 3]))
                {
                    return null;
                }
                bytes.Add((byte)(((e - '0') << 6) | ((text[i + 2] - '0') << 3) | (text[i + 3] - '0')));
                i += 4;
                continue;
            }
            char? unescaped = e switch
            {
                'a' => '\a',
                'b' => '\b',
                't' => '\t',
                'n' => '\n',
                'v' => '\v',
                'f' => '\f',
                'r' => '\r',
                '"' => '"',
                '\\' => '\\',
                _ => null,
            };
            if (unescaped is null)
            {
                return null;
            }
            bytes.Add((byte)unescaped.Value);
            i += 2;
        }
        return null;
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';
}
