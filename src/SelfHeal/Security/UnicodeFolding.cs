using System.Globalization;
using System.Text;

namespace SelfHeal.Security;

/// <summary>
/// Undoes the Unicode tricks used to slip text past a pattern: invisible characters, compatibility forms
/// (full-width letters, ligatures) and look-alike letters from other scripts (Cyrillic <c>е</c> for Latin <c>e</c>).
/// </summary>
internal static class UnicodeFolding
{
    private static readonly Dictionary<char, char> Confusables = BuildConfusables();

    /// <summary>Removes zero-width, bidirectional-control and other invisible format characters.</summary>
    public static string StripInvisible(string text)
    {
        if (!text.Any(IsInvisible))
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Where(c => !IsInvisible(c)))
        {
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>Strips invisible characters, applies NFKC and maps known look-alikes to their ASCII twin.</summary>
    public static string Fold(string text)
    {
        var stripped = StripInvisible(text);
        var normalized = stripped.IsNormalized(NormalizationForm.FormKC) ? stripped : stripped.Normalize(NormalizationForm.FormKC);
        if (!normalized.Any(Confusables.ContainsKey))
        {
            return normalized;
        }
        var builder = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            builder.Append(Confusables.GetValueOrDefault(c, c));
        }
        return builder.ToString();
    }

    /// <summary>
    /// Why <paramref name="text"/> looks crafted to deceive, or <see langword="null"/>: invisible or control
    /// characters, a form that NFC/NFKC normalization changes, or a letter that imitates an ASCII one.
    /// </summary>
    public static string? DescribeSuspicious(string text)
    {
        var invisible = text.FirstOrDefault(c => IsInvisible(c) || char.IsControl(c));
        if (invisible != default)
        {
            return $"contains the invisible or control character U+{(int)invisible:X4}";
        }
        var confusable = DeceptiveLetter(text);
        if (confusable is { } letter)
        {
            return $"contains '{letter}' (U+{(int)letter:X4}), which imitates the ASCII letter '{Confusables[letter]}'";
        }
        if (!text.IsNormalized(NormalizationForm.FormC))
        {
            return "is not in Unicode normal form C (the same name can be spelled with different code points)";
        }
        return text.IsNormalized(NormalizationForm.FormKC)
            ? null
            : $"uses compatibility characters (NFKC reads it as '{text.Normalize(NormalizationForm.FormKC)}')";
    }

    /// <summary>
    /// A look-alike letter inside a word that mixes it with ASCII letters (<c>githubе</c>) or that is made only of
    /// look-alikes (<c>ѕrс</c>). A word wholly in another script (<c>документ</c>) is not deceptive.
    /// </summary>
    private static char? DeceptiveLetter(string text)
    {
        var start = 0;
        while (start < text.Length)
        {
            if (!char.IsLetter(text[start]))
            {
                start++;
                continue;
            }
            var end = start;
            while (end < text.Length && char.IsLetter(text[end]))
            {
                end++;
            }
            var word = text[start..end];
            var confusable = word.FirstOrDefault(Confusables.ContainsKey);
            if (confusable != default && (word.Any(char.IsAsciiLetter) || word.All(Confusables.ContainsKey)))
            {
                return confusable;
            }
            start = end;
        }
        return null;
    }

    private static bool IsInvisible(char c) =>
        c is '\u00AD' or '\u034F' or '\u061C' or '\u180E' or (>= '\u200B' and <= '\u200F') or (>= '\u202A' and <= '\u202E')
            or (>= '\u2060' and <= '\u2069') or '\uFEFF'
        || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;

    private static Dictionary<char, char> BuildConfusables()
    {
        // Cyrillic and Greek letters whose glyphs are indistinguishable from ASCII in common fonts
        // (a subset of Unicode's confusables.txt that covers the letters used in paths, keys and keywords).
        const string from = "аеорсухіјѕԁԛԝӏһԍАВЕКМНОРСТХУЅІЈԌ" + "αοιυνρκχτεΑΒΕΖΗΙΚΜΝΟΡΤΥΧ";
        const string to = "aeopcyxijsdqwlhgABEKMHOPCTXYSIJG" + "aoiuvpkxteABEZHIKMNOPTYX";
        var map = new Dictionary<char, char>();
        for (var i = 0; i < from.Length; i++)
        {
            map[from[i]] = to[i];
        }
        return map;
    }
}
