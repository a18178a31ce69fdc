namespace SelfHeal.Repair.Tokens;

/// <summary>Arithmetic, relational, equality, boolean, identity and membership operator swaps.</summary>
internal static class OperatorTemplates
{
    private static readonly Dictionary<string, string[]> Arithmetic = new(StringComparer.Ordinal)
    {
        ["+"] = ["-"], ["-"] = ["+"], ["*"] = ["/"], ["/"] = ["*"], ["%"] = ["/"],
        ["+="] = ["-="], ["-="] = ["+="], ["*="] = ["/="], ["/="] = ["*="], ["++"] = ["--"], ["--"] = ["++"],
    };

    private static readonly Dictionary<string, string> Boundary = new(StringComparer.Ordinal)
    {
        ["<"] = "<=", ["<="] = "<", [">"] = ">=", [">="] = ">",
    };

    private static readonly Dictionary<string, string[]> Flips = new(StringComparer.Ordinal)
    {
        ["<"] = [">", ">="], ["<="] = [">=", ">"], [">"] = ["<", "<="], [">="] = ["<=", "<"],
    };

    public static IEnumerable<TemplateEdit> Generate(TemplateInput input)
    {
        var file = input.File;
        foreach (var i in input.SuspectTokens)
        {
            var t = file.Code[i];
            var binary = i > 0 && Expressions.EndsOperand(file.Code[i - 1]);
            if (t.Kind == TokenKind.Operator)
            {
                foreach (var edit in OperatorEdits(input, i, t, binary))
                {
                    yield return edit;
                }
            }
            else if (t.Kind == TokenKind.Keyword && file.Language == TokenLanguage.Python)
            {
                foreach (var edit in PythonKeywordEdits(input, i, t))
                {
                    yield return edit;
                }
            }
        }
    }

    private static IEnumerable<TemplateEdit> OperatorEdits(TemplateInput input, int i, Token t, bool binary)
    {
        var op = t.Text;
        var language = input.File.Language;
        if (Boundary.TryGetValue(op, out var boundary) && binary && !LooksGeneric(input.File, i))
        {
            yield return input.Replace("relational-boundary", t, boundary, $"replace '{op}' with '{boundary}'");
            foreach (var flip in Flips[op])
            {
                yield return input.Replace("relational-flip", t, flip, $"replace '{op}' with '{flip}'");
            }
        }
        if (op is "==" or "!=" or "===" or "!==")
        {
            var strict = op.Length == 3;
            if (language == TokenLanguage.JavaScript)
            {
                var other = strict ? op[..2] : op + "=";
                yield return input.Replace("strict-equality", t, other, $"replace '{op}' with '{other}'");
            }
            var negated = op[0] == '=' ? "!" + op[1..] : "=" + op[1..];
            yield return input.Replace("equality-flip", t, negated, $"replace '{op}' with '{negated}'");
            if (language == TokenLanguage.Python && input.File.Code.ElementAtOrDefault(i + 1)?.Is("None") == true)
            {
                var identity = op == "==" ? "is" : "is not";
                yield return input.Replace("identity-check", t, identity, $"replace '{op} None' with '{identity} None'");
            }
        }
        if (op is "&&" or "||")
        {
            var other = op == "&&" ? "||" : "&&";
            yield return input.Replace("boolean-operator", t, other, $"replace '{op}' with '{other}'");
        }
        if (language == TokenLanguage.Python && op is "/" or "//" && binary)
        {
            var other = op == "/" ? "//" : "/";
            yield return input.Replace("integer-division", t, other, $"replace '{op}' with '{other}'");
        }
        if (Arithmetic.TryGetValue(op, out var swaps) && (binary || op.Length == 2 && op != "//"))
        {
            foreach (var swap in swaps)
            {
                yield return input.Replace("arithmetic-operator", t, swap, $"replace '{op}' with '{swap}'");
            }
        }
    }

    private static IEnumerable<TemplateEdit> PythonKeywordEdits(TemplateInput input, int i, Token t)
    {
        var code = input.File.Code;
        var next = i + 1 < code.Count ? code[i + 1] : null;
        var previous = i > 0 ? code[i - 1] : null;
        switch (t.Text)
        {
            case "and" or "or":
                var other = t.Text == "and" ? "or" : "and";
                yield return input.Replace("boolean-operator", t, other, $"replace '{t.Text}' with '{other}'");
                break;
            case "is" when next is not null && next.Is("not"):
                yield return input.Span("identity-check", t.End, next.End, "", "replace 'is not' with 'is'");
                if (i + 2 < code.Count && code[i + 2].Is("None"))
                {
                    yield return input.Span("identity-check", t.Start, next.End, "!=", "replace 'is not None' with '!= None'");
                }
                break;
            case "is":
                yield return input.Insert("identity-check", t.End, " not", "replace 'is' with 'is not'");
                if (next is not null && next.Is("None"))
                {
                    yield return input.Replace("identity-check", t, "==", "replace 'is None' with '== None'");
                }
                break;
            case "in" when !InForHeader(input.File, i):
                if (previous is not null && previous.Is("not"))
                {
                    yield return input.Span("membership", previous.Start, t.Start, "", "replace 'not in' with 'in'");
                }
                else
                {
                    yield return input.Insert("membership", t.Start, "not ", "replace 'in' with 'not in'");
                }
                break;
            default:
                break;
        }
    }

    /// <summary>The <c>in</c> of <c>for x in xs</c>, which is not an operator.</summary>
    private static bool InForHeader(SourceFile file, int i)
    {
        for (var k = i - 1; k >= 0 && k >= i - 6; k--)
        {
            if (file.Code[k].Is("for"))
            {
                return true;
            }
            if (file.Code[k].Is("in") || file.Code[k].Kind == TokenKind.Keyword && !file.Code[k].Is("for"))
            {
                return false;
            }
        }
        return false;
    }

    /// <summary><c>List&lt;String&gt;</c>: a type argument list, not a comparison.</summary>
    private static bool LooksGeneric(SourceFile file, int i)
    {
        if (file.Language is not (TokenLanguage.Java or TokenLanguage.JavaScript))
        {
            return false;
        }
        var code = file.Code;
        bool Type(int k) => k >= 0 && k < code.Count && code[k].Kind == TokenKind.Identifier && char.IsUpper(code[k].Text[0]);
        return code[i].Text switch
        {
            "<" => Type(i - 1) && (Type(i + 1) || code.ElementAtOrDefault(i + 1)?.Is(">") == true),
            ">" => Type(i - 1) || code[i - 1].Is(">") || code[i - 1].Is("]"),
            _ => false,
        };
    }
}
