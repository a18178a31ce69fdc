namespace SelfHeal.Repair.Tokens;

/// <summary>Statement deletion and duplication, and negating a condition (insert or remove <c>not</c>/<c>!</c>).</summary>
internal static class StatementTemplates
{
    public static IEnumerable<TemplateEdit> Generate(TemplateInput input)
    {
        var file = input.File;
        for (var line = input.FirstLine; line <= input.LastLine && line <= file.LineCount; line++)
        {
            var tokens = file.CodeOnLines(line, line).ToList();
            if (tokens.Count == 0)
            {
                continue;
            }
            foreach (var edit in Negations(input, tokens))
            {
                yield return edit;
            }
            if (IsSimpleStatement(file, tokens))
            {
                var start = file.LineStart(line);
                var end = file.LineEndWithBreak(line);
                var text = file.Text[start..end];
                yield return input.Span("statement-delete", start, end, "", $"delete line {line}");
                yield return input.Insert("statement-duplicate", end, text.EndsWith('\n') ? text : "\n" + text, $"duplicate line {line}");
            }
        }
    }

    /// <summary>One whole statement on one line: ends with ';' (or, in Python and Go, a line not opening a block).</summary>
    private static bool IsSimpleStatement(SourceFile file, List<int> tokens)
    {
        var first = file.Code[tokens[0]];
        var last = file.Code[tokens[^1]];
        if (first.Kind == TokenKind.Keyword && first.Text is "def" or "class" or "function" or "func" or "if" or "for" or "while" or "else" or "elif" or "try" or "catch" or "except" or "case" or "default" or "switch" or "package" or "import" or "return")
        {
            return false;
        }
        var depth = 0;
        foreach (var i in tokens)
        {
            var t = file.Code[i];
            depth += t.Is("(") || t.Is("[") || t.Is("{") ? 1 : t.Is(")") || t.Is("]") || t.Is("}") ? -1 : 0;
        }
        return depth == 0 && (file.Language switch
        {
            TokenLanguage.Python or TokenLanguage.Go => !last.Is(":") && !last.Is("{") && !last.Is("}"),
            _ => last.Is(";"),
        });
    }

    private static IEnumerable<TemplateEdit> Negations(TemplateInput input, List<int> tokens)
    {
        var file = input.File;
        var code = file.Code;
        var index = code[tokens[0]].Is("}") && tokens.Count > 1 ? tokens[1] : tokens[0];
        var head = code[index];
        if (head.Kind != TokenKind.Keyword || head.Text is not ("if" or "elif" or "while"))
        {
            yield break;
        }
        if (file.Language == TokenLanguage.Python)
        {
            var colon = tokens.LastOrDefault(i => code[i].Is(":"), -1);
            if (colon <= index + 1)
            {
                yield break;
            }
            var condition = code[index + 1];
            if (condition.Is("not"))
            {
                yield return input.Span("negation", condition.Start, code[index + 2].Start, "", $"drop 'not' from the {head.Text} condition");
            }
            else
            {
                var text = file.Text[condition.Start..code[colon - 1].End];
                yield return input.Span("negation", condition.Start, code[colon - 1].End, $"not ({text})", $"negate the {head.Text} condition");
            }
            yield break;
        }
        if (file.Language == TokenLanguage.Go)
        {
            var brace = tokens.LastOrDefault(i => code[i].Is("{"), -1);
            if (brace > index + 1)
            {
                var text = file.Text[code[index + 1].Start..code[brace - 1].End];
                yield return input.Span("negation", code[index + 1].Start, code[brace - 1].End, $"!({text})", $"negate the {head.Text} condition");
            }
            yield break;
        }
        if (index + 1 >= code.Count || !code[index + 1].Is("("))
        {
            yield break;
        }
        var close = file.Match(index + 1);
        if (close <= index + 2)
        {
            yield break;
        }
        var inner = code[index + 2];
        if (inner.Is("!") && Expressions.PrimaryEnd(file, index + 3) == close - 1)
        {
            yield return input.Replace("negation", inner, "", $"drop '!' from the {head.Text} condition");
        }
        else
        {
            var text = file.Text[inner.Start..code[close - 1].End];
            yield return input.Span("negation", inner.Start, code[close - 1].End, $"!({text})", $"negate the {head.Text} condition");
        }
    }
}
