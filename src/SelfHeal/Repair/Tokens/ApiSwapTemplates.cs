namespace SelfHeal.Repair.Tokens;

/// <summary>
/// Swaps between similar APIs, from a small per-language table (<c>Math.floor</c>↔<c>Math.round</c>,
/// <c>indexOf</c>↔<c>lastIndexOf</c>, <c>append</c>↔<c>extend</c>, ...), plus the rewrites that
/// need more than a name: <see cref="ApiRewrites"/>.
/// </summary>
internal static class ApiSwapTemplates
{
    private static readonly Dictionary<string, string[]> Python = new(StringComparer.Ordinal)
    {
        ["append"] = ["extend"], ["extend"] = ["append"],
        ["strip"] = ["rstrip", "lstrip"], ["rstrip"] = ["strip", "lstrip"], ["lstrip"] = ["strip", "rstrip"],
        ["min"] = ["max"], ["max"] = ["min"], ["floor"] = ["ceil"], ["ceil"] = ["floor"],
        ["find"] = ["rfind"], ["rfind"] = ["find"], ["index"] = ["rindex"], ["split"] = ["rsplit"],
        ["startswith"] = ["endswith"], ["endswith"] = ["startswith"], ["lower"] = ["upper"], ["upper"] = ["lower"],
        ["any"] = ["all"], ["all"] = ["any"], ["round"] = ["int"],
    };

    private static readonly Dictionary<string, string[]> JavaScript = new(StringComparer.Ordinal)
    {
        ["floor"] = ["round", "ceil"], ["round"] = ["floor", "ceil"], ["ceil"] = ["floor", "round"],
        ["min"] = ["max"], ["max"] = ["min"], ["slice"] = ["substring"], ["substring"] = ["slice"],
        ["indexOf"] = ["lastIndexOf"], ["lastIndexOf"] = ["indexOf"], ["some"] = ["every"], ["every"] = ["some"],
        ["startsWith"] = ["endsWith"], ["endsWith"] = ["startsWith"], ["find"] = ["filter"], ["filter"] = ["find"],
        ["toLowerCase"] = ["toUpperCase"], ["toUpperCase"] = ["toLowerCase"], ["parseInt"] = ["parseFloat", "Number"],
        ["parseFloat"] = ["parseInt", "Number"], ["trim"] = ["trimEnd", "trimStart"], ["push"] = ["unshift"],
    };

    private static readonly Dictionary<string, string[]> Java = new(StringComparer.Ordinal)
    {
        ["min"] = ["max"], ["max"] = ["min"], ["floor"] = ["ceil", "round"], ["ceil"] = ["floor", "round"],
        ["round"] = ["floor", "ceil"], ["indexOf"] = ["lastIndexOf"], ["lastIndexOf"] = ["indexOf"],
        ["startsWith"] = ["endsWith"], ["endsWith"] = ["startsWith"], ["equals"] = ["equalsIgnoreCase"],
        ["equalsIgnoreCase"] = ["equals"], ["toLowerCase"] = ["toUpperCase"], ["toUpperCase"] = ["toLowerCase"],
        ["isEmpty"] = ["isBlank"], ["isBlank"] = ["isEmpty"], ["trim"] = ["strip"], ["get"] = ["getOrDefault"],
        ["peekFirst"] = ["peekLast"], ["peekLast"] = ["peekFirst"], ["pollFirst"] = ["pollLast"], ["pollLast"] = ["pollFirst"],
        ["addFirst"] = ["addLast"], ["addLast"] = ["addFirst"],
    };

    private static readonly Dictionary<string, string[]> Go = new(StringComparer.Ordinal)
    {
        ["Floor"] = ["Ceil", "Round"], ["Ceil"] = ["Floor", "Round"], ["Round"] = ["Floor", "Ceil"],
        ["Min"] = ["Max"], ["Max"] = ["Min"], ["min"] = ["max"], ["max"] = ["min"],
        ["Index"] = ["LastIndex"], ["LastIndex"] = ["Index"], ["HasPrefix"] = ["HasSuffix"], ["HasSuffix"] = ["HasPrefix"],
        ["TrimLeft"] = ["TrimPrefix", "TrimSpace"], ["TrimRight"] = ["TrimSuffix", "TrimSpace"],
        ["ToLower"] = ["ToUpper"], ["ToUpper"] = ["ToLower"], ["Atoi"] = ["ParseInt"], ["SplitN"] = ["Split"],
    };

    public static IEnumerable<TemplateEdit> Generate(TemplateInput input)
    {
        var file = input.File;
        var table = file.Language switch
        {
            TokenLanguage.Python => Python,
            TokenLanguage.JavaScript => JavaScript,
            TokenLanguage.Java => Java,
            _ => Go,
        };
        foreach (var i in input.SuspectTokens)
        {
            var t = file.Code[i];
            if (t.Kind == TokenKind.Identifier && i + 1 < file.Code.Count && file.Code[i + 1].Is("(") && table.TryGetValue(t.Text, out var others))
            {
                foreach (var other in others)
                {
                    yield return input.Replace("api-swap", t, other, $"call '{other}' instead of '{t.Text}'");
                }
            }
        }
        foreach (var edit in ApiRewrites.Generate(input))
        {
            yield return edit;
        }
    }
}
