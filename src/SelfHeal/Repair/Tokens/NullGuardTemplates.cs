namespace SelfHeal.Repair.Tokens;

/// <summary>
/// Guards against a missing value where an attribute chain is dereferenced: Python
/// <c>a.b.strip()</c>→<c>a.b and a.b.strip()</c> in conditions, <c>(a.b or "")</c>, and
/// <c>if a.b is None: return</c>; JavaScript <c>?.</c>; Java and Go an early return on null/nil.
/// </summary>
internal static class NullGuardTemplates
{
    public static IEnumerable<TemplateEdit> Generate(TemplateInput input)
    {
        var file = input.File;
        var code = file.Code;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var i in input.SuspectTokens)
        {
            // A receiver that is dereferenced: token i ends it, the next token is '.'.
            if (i + 2 >= code.Count || !code[i + 1].Is(".") || code[i].Kind is not (TokenKind.Identifier or TokenKind.Keyword) && !code[i].Is(")"))
            {
                continue;
            }
            if (code[i].Kind == TokenKind.Keyword && code[i].Text is not ("this" or "self"))
            {
                continue;
            }
            var start = Expressions.PrimaryStart(file, i);
            if (start < 0 || code[i].Is(")") || (start == i && char.IsUpper(code[i].Text[0])))
            {
                continue;
            }
            var receiver = Expressions.TextOf(file, start, i);
            if (receiver is "self" or "this" || !seen.Add(receiver))
            {
                continue;
            }
            foreach (var edit in Guards(input, start, i, receiver))
            {
                yield return edit;
            }
        }
    }

    private static IEnumerable<TemplateEdit> Guards(TemplateInput input, int start, int end, string receiver)
    {
        var file = input.File;
        var code = file.Code;
        var line = code[start].Line;
        var indent = file.Indentation(line);
        var lineHead = code[file.CodeOnLines(line, line).First()];
        var inCondition = lineHead.Kind == TokenKind.Keyword && lineHead.Text is "if" or "elif" or "while";
        switch (file.Language)
        {
            case TokenLanguage.Python:
                var chainEnd = Expressions.PrimaryEnd(file, start);
                if (inCondition && chainEnd > end)
                {
                    yield return input.Insert("null-guard", code[start].Start, $"{receiver} and ", $"check {receiver} before using it");
                }
                yield return input.Span("null-guard", code[start].Start, code[end].End, $"({receiver} or \"\")", $"use \"\" when {receiver} is None");
                if (code[end + 2].Kind == TokenKind.Identifier && !(end + 3 < code.Count && code[end + 3].Is("(")))
                {
                    var attribute = Expressions.TextOf(file, start, end + 2);
                    yield return input.Span("null-guard", code[start].Start, code[end + 2].End, $"({attribute} if {receiver} is not None else None)", $"use None when {receiver} is None");
                }
                if (!inCondition)
                {
                    var at = file.LineStart(line);
                    yield return input.Insert("null-guard", at, $"{indent}if {receiver} is None:\n{indent}    return None\n", $"return early when {receiver} is None");
                }
                break;
            case TokenLanguage.JavaScript:
                yield return input.Replace("null-guard", code[end + 1], "?.", $"use optional chaining on {receiver}");
                break;
            case TokenLanguage.Java:
                yield return input.Insert("null-guard", file.LineStart(line), $"{indent}if ({receiver} == null) {{\n{indent}    return null;\n{indent}}}\n", $"return null when {receiver} is null");
                yield return input.Insert("null-guard", file.LineStart(line), $"{indent}if ({receiver} == null) {{\n{indent}    return;\n{indent}}}\n", $"return when {receiver} is null");
                break;
            default:
                yield return input.Insert("null-guard", file.LineStart(line), $"{indent}if {receiver} == nil {{\n{indent}\treturn\n{indent}}}\n", $"return when {receiver} is nil");
                break;
        }
    }
}
