namespace SelfHeal.Repair.Tokens;

/// <summary>
/// Identifiers replaced by identifiers of the same shape: a member by another member read off the same
/// object (<c>current.start</c>→<c>current.end</c>) or of the file, a variable by another local or
/// parameter of the function, a constant by another constant.
/// </summary>
internal static class IdentifierTemplates
{
    private const int MaxReplacements = 10;

    public static IEnumerable<TemplateEdit> Generate(TemplateInput input)
    {
        var file = input.File;
        var (first, last) = file.FunctionAround(input.FirstLine);
        foreach (var i in input.SuspectTokens)
        {
            var t = file.Code[i];
            if (t.Kind != TokenKind.Identifier || IsDeclaration(file, i))
            {
                continue;
            }
            var isMember = i > 1 && (file.Code[i - 1].Is(".") || file.Code[i - 1].Is("?."));
            var isCall = i + 1 < file.Code.Count && file.Code[i + 1].Is("(");
            var others = isMember ? Members(file, i, isCall) : Locals(file, i, first, last, isCall);
            foreach (var (name, template) in others.Take(MaxReplacements))
            {
                yield return input.Replace(template, t, name, $"replace '{t.Text}' with '{name}'");
            }
        }
    }

    private static bool IsDeclaration(SourceFile file, int i) =>
        i > 0 && file.Code[i - 1].Kind == TokenKind.Keyword && file.Code[i - 1].Text is "def" or "function" or "class" or "import" or "package" or "func";

    /// <summary>Members read off the same receiver first, then other members of the file, of the same kind (call or field).</summary>
    private static IEnumerable<(string, string)> Members(SourceFile file, int i, bool isCall)
    {
        var receiver = file.Code[i - 2].Text;
        var name = file.Code[i].Text;
        var sameObject = new List<string>();
        var elsewhere = new List<string>();
        var receiversOfName = new HashSet<string>(StringComparer.Ordinal);
        var byReceiver = new List<(string Receiver, string Member)>();
        for (var k = 2; k < file.Code.Count; k++)
        {
            var t = file.Code[k];
            if (t.Kind != TokenKind.Identifier || t.Text == name || !(file.Code[k - 1].Is(".") || file.Code[k - 1].Is("?.")))
            {
                continue;
            }
            var call = k + 1 < file.Code.Count && file.Code[k + 1].Is("(");
            if (call != isCall)
            {
                continue;
            }
            (file.Code[k - 2].Text == receiver ? sameObject : elsewhere).Add(t.Text);
            byReceiver.Add((file.Code[k - 2].Text, t.Text));
        }
        for (var k = 2; k < file.Code.Count; k++)
        {
            if (file.Code[k].Text == name && file.Code[k - 1].Is("."))
            {
                receiversOfName.Add(file.Code[k - 2].Text);
            }
        }
        // Siblings: members read off an object that also has this member (start/end of the same kind of record).
        sameObject.AddRange(byReceiver.Where(x => receiversOfName.Contains(x.Receiver)).Select(x => x.Member));
        return sameObject.Distinct(StringComparer.Ordinal).Select(n => (n, "member-replace"))
            .Concat(elsewhere.Distinct(StringComparer.Ordinal).Except(sameObject, StringComparer.Ordinal).Select(n => (n, "identifier-replace")));
    }

    /// <summary>Identifiers of the function with the same shape, nearest to the suspect first.</summary>
    private static IEnumerable<(string, string)> Locals(SourceFile file, int i, int first, int last, bool isCall)
    {
        var target = file.Code[i];
        var constant = IsConstantName(target.Text);
        return file.Code
            .Select((t, k) => (t, k))
            .Where(x => x.t.Kind == TokenKind.Identifier && x.t.Text != target.Text && char.IsUpper(x.t.Text[0]) == char.IsUpper(target.Text[0])
                && (constant ? IsConstantName(x.t.Text) : x.t.Line >= first && x.t.Line <= last && !IsConstantName(x.t.Text))
                && !(x.k > 0 && (file.Code[x.k - 1].Is(".") || file.Code[x.k - 1].Is("?.")))
                && (x.k + 1 < file.Code.Count && file.Code[x.k + 1].Is("(")) == isCall)
            .OrderBy(x => Math.Abs(x.t.Line - target.Line))
            .Select(x => x.t.Text)
            .Distinct(StringComparer.Ordinal)
            .Select(n => (n, "identifier-replace"));
    }

    private static bool IsConstantName(string name) => name.Length > 1 && name.All(c => char.IsUpper(c) || char.IsDigit(c) || c == '_');
}
