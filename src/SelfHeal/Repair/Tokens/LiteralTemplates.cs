using System.Globalization;
using System.Text.RegularExpressions;

namespace SelfHeal.Repair.Tokens;

/// <summary>Literal changes: numbers ±1 (so 0↔1), booleans, format specifiers and swaps with other string literals of the function.</summary>
internal static partial class LiteralTemplates
{
    private const int MaxStringSwaps = 8;

    public static IEnumerable<TemplateEdit> Generate(TemplateInput input)
    {
        var file = input.File;
        foreach (var i in input.SuspectTokens)
        {
            var t = file.Code[i];
            if (t.Kind == TokenKind.Number && long.TryParse(t.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                yield return input.Replace("number-literal", t, (n + 1).ToString(CultureInfo.InvariantCulture), $"replace {n} with {n + 1}");
                if (n > 0)
                {
                    yield return input.Replace("number-literal", t, (n - 1).ToString(CultureInfo.InvariantCulture), $"replace {n} with {n - 1}");
                }
            }
            else if (t.Kind == TokenKind.Keyword && Negated(t.Text) is { } flipped)
            {
                yield return input.Replace("boolean-literal", t, flipped, $"replace {t.Text} with {flipped}");
            }
            else if (t.Kind == TokenKind.String)
            {
                foreach (var edit in FormatSpecifiers(input, t).Concat(StringSwaps(input, t)))
                {
                    yield return edit;
                }
            }
        }
    }

    private static string? Negated(string word) => word switch
    {
        "true" => "false",
        "false" => "true",
        "True" => "False",
        "False" => "True",
        _ => null,
    };

    private static IEnumerable<TemplateEdit> FormatSpecifiers(TemplateInput input, Token t)
    {
        foreach (Match m in PrintfSpecifier().Matches(t.Text))
        {
            var flags = m.Groups["flags"].Value;
            var width = m.Groups["width"].Value;
            var start = t.Start + m.Index;
            var replacement = flags.Contains('0', StringComparison.Ordinal)
                ? "%" + flags.Replace("0", "", StringComparison.Ordinal) + width + m.Groups["precision"].Value + m.Groups["conv"].Value
                : width.Length > 0 ? "%" + flags + "0" + width + m.Groups["precision"].Value + m.Groups["conv"].Value : null;
            if (replacement is not null)
            {
                yield return input.Span("format-specifier", start, start + m.Length, replacement, $"replace '{m.Value}' with '{replacement}'");
            }
        }
        foreach (Match m in Precision().Matches(t.Text))
        {
            var digits = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
            var start = t.Start + m.Groups["n"].Index;
            foreach (var other in new[] { digits + 1, digits - 1 }.Where(d => d >= 0))
            {
                var text = other.ToString(CultureInfo.InvariantCulture);
                yield return input.Span("format-specifier", start, start + m.Groups["n"].Length, text, $"change precision .{digits} to .{other}");
            }
        }
    }

    private static IEnumerable<TemplateEdit> StringSwaps(TemplateInput input, Token t)
    {
        var (first, last) = input.File.FunctionAround(t.Line);
        var quote = t.Text[^1];
        return input.File.Code
            .Where(o => o.Kind == TokenKind.String && o.Line >= first && o.Line <= last && o.Text != t.Text && o.Text.Length > 1 && o.Text[^1] == quote && !o.Text.Contains('\n', StringComparison.Ordinal))
            .Select(o => o.Text)
            .Distinct(StringComparer.Ordinal)
            .Take(MaxStringSwaps)
            .Select(o => input.Replace("string-literal", t, o, $"replace {t.Text} with {o}"));
    }

    [GeneratedRegex(@"%(?<flags>[-+ 0#]*)(?<width>\d+)?(?<precision>\.\d+)?(?<conv>[dfsxXeEgGioc])")]
    private static partial Regex PrintfSpecifier();

    [GeneratedRegex(@"\.(?<n>\d)f")]
    private static partial Regex Precision();
}
