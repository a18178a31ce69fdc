namespace SelfHeal.Repair.Tokens;

/// <summary>
/// Catches the exception the run's traces show: Java <c>catch (A e)</c>→<c>catch (A | X e)</c>, Python
/// <c>except A</c>→<c>except (A, X)</c>. Looks at the suspect's lines, then the rest of its function.
/// </summary>
internal static class CatchTemplates
{
    public static IEnumerable<TemplateEdit> Generate(TemplateInput input)
    {
        var file = input.File;
        if (input.ExceptionTypes.Count == 0 || file.Language is not (TokenLanguage.Java or TokenLanguage.Python))
        {
            return [];
        }
        var keyword = file.Language == TokenLanguage.Java ? "catch" : "except";
        var clauses = input.SuspectTokens.Where(i => file.Code[i].Is(keyword)).ToList();
        if (clauses.Count == 0)
        {
            var (first, last) = file.FunctionAround(input.FirstLine);
            clauses = file.CodeOnLines(first, last).Where(i => file.Code[i].Is(keyword)).ToList();
        }
        var types = input.ExceptionTypes.Select(t => TypeName(file, t)).Distinct(StringComparer.Ordinal).ToList();
        return clauses.SelectMany(c => types.SelectMany(t => file.Language == TokenLanguage.Java ? Java(input, c, t) : Python(input, c, t)));
    }

    private static string TypeName(SourceFile file, string type)
    {
        var simple = type[(type.LastIndexOf('.') + 1)..].Replace('$', '.');
        if (file.Language != TokenLanguage.Java)
        {
            return simple;
        }
        var visible = type.StartsWith("java.lang.", StringComparison.Ordinal) && type.Count(c => c == '.') == 2
            || file.Text.Contains($"import {type};", StringComparison.Ordinal)
            || file.Code.Any(t => t.Kind == TokenKind.Identifier && t.Text == simple)
            || !type.Contains('.', StringComparison.Ordinal);
        return visible ? simple : type;
    }

    private static IEnumerable<TemplateEdit> Java(TemplateInput input, int index, string type)
    {
        var file = input.File;
        var code = file.Code;
        if (index + 1 >= code.Count || !code[index + 1].Is("("))
        {
            yield break;
        }
        var close = file.Match(index + 1);
        if (close < 3 || code[close - 1].Kind != TokenKind.Identifier)
        {
            yield break;
        }
        var caught = Expressions.TextOf(file, index + 2, close - 2);
        if (caught.Split('|').Any(c => c.Trim() == type || c.Trim().EndsWith("." + type, StringComparison.Ordinal)) || caught is "Exception" or "Throwable" or "RuntimeException")
        {
            yield break;
        }
        yield return input.Insert("catch-exception", code[close - 2].End, $" | {type}", $"also catch {type}");
        var body = close + 1 < code.Count && code[close + 1].Is("{") ? file.Match(close + 1) : -1;
        if (body > 0)
        {
            var handler = file.Text[code[close + 1].Start..code[body].End];
            yield return input.Insert("catch-exception", code[body].End, $" catch ({type} {code[close - 1].Text}) {handler}", $"catch {type} as the {caught} handler does");
        }
    }

    private static IEnumerable<TemplateEdit> Python(TemplateInput input, int index, string type)
    {
        var file = input.File;
        var code = file.Code;
        if (index + 1 >= code.Count || code[index + 1].Is(":"))
        {
            yield break;
        }
        var first = index + 1;
        if (code[first].Is("("))
        {
            var close = file.Match(first);
            if (close > first && !Expressions.TextOf(file, first, close).Contains(type, StringComparison.Ordinal))
            {
                yield return input.Insert("catch-exception", code[close].Start, $", {type}", $"also catch {type}");
            }
            yield break;
        }
        var last = Expressions.PrimaryEnd(file, first);
        if (last < 0 || Expressions.TextOf(file, first, last) is var caught && (caught == type || caught is "Exception" or "BaseException"))
        {
            yield break;
        }
        yield return input.Span("catch-exception", code[first].Start, code[last].End, $"({Expressions.TextOf(file, first, last)}, {type})", $"also catch {type}");
    }
}
