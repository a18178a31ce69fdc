namespace SelfHeal.Repair.Tokens;

/// <summary>
/// API rewrites that change the call's shape: Python <c>x.sort(...)</c>→<c>sorted(x, ...)</c> and
/// <c>d[k]</c>↔<c>d.get(k)</c>/<c>d.get(k, DEFAULT)</c>; JavaScript <c>parseInt</c> radix; Java
/// <c>a == b</c>→<c>a.equals(b)</c>/<c>Objects.equals(a, b)</c>.
/// </summary>
internal static class ApiRewrites
{
    public static IEnumerable<TemplateEdit> Generate(TemplateInput input) => input.File.Language switch
    {
        TokenLanguage.Python => PythonRewrites(input),
        TokenLanguage.JavaScript => Radix(input),
        TokenLanguage.Java => JavaEquals(input),
        _ => [],
    };

    private static IEnumerable<TemplateEdit> PythonRewrites(TemplateInput input)
    {
        var file = input.File;
        var code = file.Code;
        foreach (var i in input.SuspectTokens)
        {
            var t = code[i];
            if (t.Text == "sort" && t.Kind == TokenKind.Identifier && i > 1 && i + 1 < code.Count && code[i - 1].Is(".") && code[i + 1].Is("("))
            {
                var start = Expressions.PrimaryStart(file, i - 2);
                var close = file.Match(i + 1);
                if (start >= 0 && close > 0)
                {
                    var receiver = Expressions.TextOf(file, start, i - 2);
                    var args = close > i + 2 ? ", " + Expressions.TextOf(file, i + 2, close - 1) : "";
                    yield return input.Span("api-swap", code[start].Start, code[close].End, $"sorted({receiver}{args})", $"use sorted({receiver}) instead of {receiver}.sort()");
                }
            }
            else if (t.Is("[") && i > 0 && Expressions.EndsOperand(code[i - 1]) && code[i - 1].Kind != TokenKind.String && i + 2 < code.Count && code[i + 2].Is("]")
                     && code[i + 1].Kind is TokenKind.String or TokenKind.Identifier && !(i + 3 < code.Count && code[i + 3].Kind == TokenKind.Operator && code[i + 3].Text.EndsWith('=') && code[i + 3].Text != "=="))
            {
                var key = code[i + 1];
                yield return input.Span("dict-get", t.Start, code[i + 2].End, $".get({key.Text})", $"use .get({key.Text}) instead of [{key.Text}]");
                foreach (var constant in DefaultConstants(file, key.Text))
                {
                    yield return input.Span("dict-get", t.Start, code[i + 2].End, $".get({key.Text}, {constant})", $"use .get({key.Text}, {constant}) instead of [{key.Text}]");
                }
            }
            else if (t.Text == "get" && t.Kind == TokenKind.Identifier && i > 0 && code[i - 1].Is(".") && i + 3 < code.Count && code[i + 1].Is("(") && code[i + 3].Is(")"))
            {
                var key = code[i + 2];
                yield return input.Span("dict-get", code[i - 1].Start, code[i + 3].End, $"[{key.Text}]", $"use [{key.Text}] instead of .get({key.Text})");
                foreach (var constant in DefaultConstants(file, key.Text))
                {
                    yield return input.Insert("dict-get", code[i + 2].End, $", {constant}", $"default .get({key.Text}) to {constant}");
                }
            }
        }
    }

    /// <summary>Module constants that look like a default for <paramref name="key"/>: DEFAULT_TIMEOUT for "timeout" first.</summary>
    private static IEnumerable<string> DefaultConstants(SourceFile file, string key)
    {
        var bare = key.Trim('"', '\'').ToUpperInvariant();
        var constants = file.Code
            .Where(t => t.Kind == TokenKind.Identifier && t.Text.Length > 1 && t.Text.All(c => char.IsUpper(c) || char.IsDigit(c) || c == '_'))
            .Select(t => t.Text)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return constants.Where(c => bare.Length > 0 && c.Contains(bare, StringComparison.Ordinal))
            .Concat(constants.Where(c => c.StartsWith("DEFAULT", StringComparison.Ordinal)))
            .Distinct(StringComparer.Ordinal)
            .Take(4);
    }

    private static IEnumerable<TemplateEdit> Radix(TemplateInput input)
    {
        var file = input.File;
        var code = file.Code;
        foreach (var i in input.SuspectTokens)
        {
            if (code[i].Text != "parseInt" || i + 1 >= code.Count || !code[i + 1].Is("("))
            {
                continue;
            }
            var close = file.Match(i + 1);
            if (close < 0)
            {
                continue;
            }
            var topComma = -1;
            for (var k = i + 2; k < close; k++)
            {
                if (code[k].Is("(") || code[k].Is("["))
                {
                    k = file.Match(k);
                    if (k < 0)
                    {
                        break;
                    }
                }
                else if (code[k].Is(","))
                {
                    topComma = k;
                    break;
                }
            }
            if (topComma < 0)
            {
                yield return input.Insert("radix", code[close].Start, ", 10", "pass radix 10 to parseInt");
                yield return input.Insert("radix", code[close].Start, ", 16", "pass radix 16 to parseInt");
            }
            else
            {
                yield return input.Span("radix", code[topComma].Start, code[close].Start, "", "drop parseInt's radix");
            }
        }
    }

    private static IEnumerable<TemplateEdit> JavaEquals(TemplateInput input)
    {
        var file = input.File;
        var code = file.Code;
        var objects = file.Text.Contains("import java.util.Objects;", StringComparison.Ordinal) || file.Text.Contains("import java.util.*;", StringComparison.Ordinal)
            ? "Objects" : "java.util.Objects";
        foreach (var i in input.SuspectTokens)
        {
            if (!(code[i].Is("==") || code[i].Is("!=")) || i == 0)
            {
                continue;
            }
            var leftStart = Expressions.PrimaryStart(file, i - 1);
            var rightEnd = i + 1 < code.Count ? Expressions.PrimaryEnd(file, i + 1) : -1;
            if (leftStart < 0 || rightEnd < 0 || !IsObjectLike(code.Skip(leftStart).Take(i - leftStart)) || !IsObjectLike(code.Skip(i + 1).Take(rightEnd - i)))
            {
                continue;
            }
            var left = Expressions.TextOf(file, leftStart, i - 1);
            var right = Expressions.TextOf(file, i + 1, rightEnd);
            var not = code[i].Is("!=") ? "!" : "";
            yield return input.Span("equals-call", code[leftStart].Start, code[rightEnd].End, $"{not}{left}.equals({right})", $"compare with {left}.equals({right})");
            yield return input.Span("equals-call", code[leftStart].Start, code[rightEnd].End, $"{not}{objects}.equals({left}, {right})", $"compare with Objects.equals({left}, {right})");
        }
    }

    /// <summary>Not a number, char, boolean or null literal: the operand may be an object compared by reference.</summary>
    private static bool IsObjectLike(IEnumerable<Token> tokens)
    {
        var list = tokens.ToList();
        return list.Count > 0 && !(list.Count == 1 && (list[0].Kind == TokenKind.Number || list[0].Kind == TokenKind.Keyword || list[0].Text.StartsWith('\'')))
               && !list.Any(t => t.Text is "length" or "size" or "ordinal");
    }
}
