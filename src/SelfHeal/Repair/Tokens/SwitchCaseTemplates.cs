namespace SelfHeal.Repair.Tokens;

/// <summary>
/// A missing <c>case</c> in a JavaScript or Java switch (best effort): a new label (a string literal of
/// the file) falling through to an existing case, or, when the cases return constants and a constant
/// of the file is not returned, a new case for that constant with labels abbreviated from its name
/// in the way the existing labels are (<c>'h'</c>, <c>'hr'</c> for <c>HOUR</c>).
/// </summary>
internal static class SwitchCaseTemplates
{
    private const int MaxLiteralLabels = 6;

    public static IEnumerable<TemplateEdit> Generate(TemplateInput input)
    {
        var file = input.File;
        if (file.Language is not (TokenLanguage.JavaScript or TokenLanguage.Java))
        {
            yield break;
        }
        var code = file.Code;
        var (first, last) = file.FunctionAround(input.FirstLine);
        var open = file.CodeOnLines(first, last).FirstOrDefault(i => code[i].Is("switch") && i + 1 < code.Count && code[i + 1].Is("("), -1);
        if (open < 0)
        {
            yield break;
        }
        var brace = file.Match(open + 1) + 1;
        var end = brace > 0 && brace < code.Count && code[brace].Is("{") ? file.Match(brace) : -1;
        if (end < 0)
        {
            yield break;
        }
        var cases = Enumerable.Range(brace, end - brace).Where(i => code[i].Is("case")).ToList();
        if (cases.Count == 0)
        {
            yield break;
        }
        var labels = cases.Where(i => i + 1 < end).Select(i => code[i + 1].Text).ToHashSet(StringComparer.Ordinal);
        var quote = labels.FirstOrDefault(l => l.Length > 1 && l[0] is '\'' or '"')?[0];
        var defaultIndex = Enumerable.Range(brace, end - brace).FirstOrDefault(i => code[i].Is("default"), end);
        var insertLine = code[defaultIndex].Line;
        var indent = file.Indentation(code[cases[0]].Line);
        var at = file.LineStart(insertLine);

        var returned = cases.Select(i => ReturnedName(file, i, end)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (quote is { } q && returned.Count > 0)
        {
            foreach (var constant in Constants(file).Where(c => !returned.Contains(c)))
            {
                foreach (var set in LabelSets(constant.ToLowerInvariant()))
                {
                    var newLabels = set.Select(l => $"{q}{l}{q}").Where(l => !labels.Contains(l)).ToList();
                    if (newLabels.Count == set.Count)
                    {
                        var text = string.Concat(newLabels.Select(l => $"case {l}: ")) + $"return {constant};";
                        yield return input.Insert("missing-case", at, $"{indent}{text}\n", $"add '{text}'");
                    }
                }
            }
        }
        var literals = (quote is null ? EnumConstants(file) : code.Where(t => t.Kind == TokenKind.String && t.Text.Length > 2 && t.Text[0] == quote && !t.Text.Contains(' ', StringComparison.Ordinal)).Select(t => t.Text))
            .Where(l => !labels.Contains(l)).Distinct(StringComparer.Ordinal).Take(MaxLiteralLabels);
        foreach (var literal in literals)
        {
            foreach (var c in cases)
            {
                yield return input.Insert("missing-case", code[c].Start, $"case {literal}: ", $"add label {literal} to the case on line {code[c].Line}");
            }
        }
    }

    /// <summary>The constants of the file's enums (<c>enum Level { LOW, HIGH }</c>), for switches over enum values.</summary>
    private static IEnumerable<string> EnumConstants(SourceFile file)
    {
        var code = file.Code;
        for (var i = 0; i + 2 < code.Count; i++)
        {
            if (!code[i].Is("enum") || !code[i + 2].Is("{"))
            {
                continue;
            }
            var close = file.Match(i + 2);
            for (var k = i + 3; k < close && k >= 0; k++)
            {
                if (code[k].Is(";"))
                {
                    break;
                }
                if (code[k].Kind == TokenKind.Identifier && (code[k - 1].Is("{") || code[k - 1].Is(",")))
                {
                    yield return code[k].Text;
                }
            }
        }
    }

    /// <summary>The constant a case returns directly (<c>case 's': return SECOND;</c>), or null.</summary>
    private static string? ReturnedName(SourceFile file, int caseIndex, int end)
    {
        var code = file.Code;
        for (var i = caseIndex; i + 2 < end && code[i].Line == code[caseIndex].Line; i++)
        {
            if (code[i].Is("return") && code[i + 1].Kind == TokenKind.Identifier && code[i + 2].Is(";"))
            {
                return code[i + 1].Text;
            }
        }
        return null;
    }

    /// <summary>Constants the file declares (<c>const HOUR =</c>, <c>static final long HOUR =</c>).</summary>
    private static IEnumerable<string> Constants(SourceFile file) =>
        file.Code.Where((t, i) => t.Kind == TokenKind.Identifier && t.Text.Length > 1 && t.Text.All(c => char.IsUpper(c) || char.IsDigit(c) || c == '_')
                && i + 1 < file.Code.Count && file.Code[i + 1].Is("=") && i > 0 && (file.Code[i - 1].Kind is TokenKind.Keyword or TokenKind.Identifier))
            .Select(t => t.Text).Distinct(StringComparer.Ordinal);

    /// <summary>Label sets for a unit-like word: its initial, with its consonant skeleton, its first three letters, the word.</summary>
    private static IEnumerable<List<string>> LabelSets(string word)
    {
        var initial = word[..1];
        var skeleton = initial + new string(word[1..].Where(c => !"aeiou_".Contains(c, StringComparison.Ordinal)).ToArray());
        var prefix = word.Length > 3 ? word[..3] : word;
        yield return [initial];
        yield return [initial, skeleton];
        yield return [initial, prefix];
        yield return [initial, word];
        yield return [initial, prefix, word];
    }
}
