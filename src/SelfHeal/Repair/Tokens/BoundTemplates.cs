namespace SelfHeal.Repair.Tokens;

/// <summary>
/// Off-by-one on bounds: <c>+ 1</c> / <c>- 1</c> after an operand in a comparison, a <c>range()</c>,
/// <c>len()</c>, a slice or an index.
/// </summary>
internal static class BoundTemplates
{
    private static readonly HashSet<string> Comparisons = new(StringComparer.Ordinal) { "<", "<=", ">", ">=", "==", "!=", "===", "!==" };

    public static IEnumerable<TemplateEdit> Generate(TemplateInput input)
    {
        var file = input.File;
        var lineHasBoundContext = new Dictionary<int, bool>();
        foreach (var i in input.SuspectTokens)
        {
            var t = file.Code[i];
            if (!Expressions.EndsOperand(t) || t.Kind is TokenKind.String || (t.Kind == TokenKind.Keyword && t.Text is not ("this" or "super")))
            {
                continue;
            }
            if (!lineHasBoundContext.TryGetValue(t.Line, out var context))
            {
                context = HasBoundContext(input, t.Line);
                lineHasBoundContext[t.Line] = context;
            }
            var next = i + 1 < file.Code.Count ? file.Code[i + 1] : null;
            if (!context || next is null || next.Is(".") || next.Is("?.") || next.Is("(") || next.Is("[") || next.Is("="))
            {
                continue;
            }
            if (t.Kind == TokenKind.Identifier && i > 0 && (file.Code[i - 1].Is("def") || file.Code[i - 1].Is("function") || file.Code[i - 1].Is("for") || file.Code[i - 1].Is("import")))
            {
                continue;
            }
            var what = t.Text;
            yield return input.Insert("bound-plus-one", t.End, " + 1", $"add 1 after '{what}'");
            yield return input.Insert("bound-minus-one", t.End, " - 1", $"subtract 1 after '{what}'");
        }
    }

    private static bool HasBoundContext(TemplateInput input, int line)
    {
        var tokens = input.File.CodeOnLines(line, line).Select(i => input.File.Code[i]).ToList();
        return tokens.Any(t => t.Kind == TokenKind.Operator && Comparisons.Contains(t.Text))
            || tokens.Any(t => t.Kind == TokenKind.Identifier && t.Text is "range" or "len" or "length" or "size" or "substring" or "slice" or "substr" or "subList" or "charAt")
            || tokens.Any(t => t.Is("["));
    }
}
