using System.Text.RegularExpressions;

namespace SelfHeal.Code;

/// <summary>Finds the statements of a brace language's masked lines, joining a statement's continuation lines.</summary>
internal static partial class BraceStatements
{
    public static List<LineSpan> Find(string[] lines, HashSet<int> declarations, CodeLanguage language, int maxLines)
    {
        var significant = new bool[lines.Length + 2];
        var inGoImports = false;
        for (var l = 1; l <= lines.Length; l++)
        {
            var t = lines[l - 1].Trim();
            if (language == CodeLanguage.Go && GoImportBlock().IsMatch(t))
            {
                inGoImports = true;
                continue;
            }
            if (inGoImports)
            {
                inGoImports = t != ")";
                continue;
            }
            significant[l] = t.Length > 0 && !declarations.Contains(l) && !IsBracesOnly(t) && !IsNotAStatement(t, language);
        }

        var statements = new List<LineSpan>();
        var line = 1;
        while (line <= lines.Length)
        {
            if (!significant[line])
            {
                line++;
                continue;
            }
            var start = line;
            var end = line;
            var depth = Depth(lines[line - 1]);
            while (end - start < maxLines)
            {
                var next = NextNonBlank(lines, end + 1);
                if (next < 0 || declarations.Contains(next) || IsBracesOnly(lines[next - 1].Trim()))
                {
                    break;
                }
                var current = lines[end - 1].Trim();
                bool continues;
                if (depth > 0)
                {
                    // Inside parentheses the statement goes on, unless a block (a lambda body) opens here.
                    continues = !current.EndsWith('{');
                }
                else if (current.EndsWith(';') || current.EndsWith('{') || current.EndsWith('}'))
                {
                    continues = false;
                }
                else
                {
                    continues = EndsIncomplete(current) || StartsContinuation().IsMatch(lines[next - 1].Trim());
                }
                if (!continues)
                {
                    break;
                }
                end = next;
                depth += Depth(lines[next - 1]);
            }
            statements.Add(new LineSpan(start, end));
            line = end + 1;
        }
        return statements;
    }

    private static bool EndsIncomplete(string t) =>
        !t.EndsWith("++", StringComparison.Ordinal) && !t.EndsWith("--", StringComparison.Ordinal) && IncompleteEnd().IsMatch(t);

    private static int NextNonBlank(string[] lines, int from)
    {
        for (var l = from; l <= lines.Length; l++)
        {
            if (lines[l - 1].Trim().Length > 0)
            {
                return l;
            }
        }
        return -1;
    }

    private static int Depth(string line)
    {
        var depth = 0;
        foreach (var c in line)
        {
            depth += c switch { '(' or '[' => 1, ')' or ']' => -1, _ => 0 };
        }
        return depth;
    }

    private static bool IsBracesOnly(string t) => t.All(c => c is '{' or '}' or '(' or ')' or '[' or ']' or ';' or ',' or ' ' or '\t');

    private static bool IsNotAStatement(string t, CodeLanguage language) => language switch
    {
        CodeLanguage.CSharp => CSharpNonStatement().IsMatch(t) || BareKeyword().IsMatch(t),
        CodeLanguage.Java => JavaNonStatement().IsMatch(t) || BareKeyword().IsMatch(t),
        CodeLanguage.JavaScript => JavaScriptNonStatement().IsMatch(t) || BareKeyword().IsMatch(t),
        CodeLanguage.Go => GoNonStatement().IsMatch(t) || BareKeyword().IsMatch(t),
        _ => false,
    };

    [GeneratedRegex(@"^(?:(?:global\s+)?using\s+(?:static\s+)?[\w.]+(?:\s*=\s*[\w.<>,\s]+)?\s*;|namespace\s+[\w.]+\s*;|\[.*\]|#\w+.*)$")]
    private static partial Regex CSharpNonStatement();

    [GeneratedRegex(@"^(?:import\s|package\s|@[\w.]+(?:\(.*\))?$)")]
    private static partial Regex JavaNonStatement();

    [GeneratedRegex(@"^(?:import\s|import\{|export\s+\*|export\s+\{[^}]*\}\s+from\s|(?:const|let|var)\s+[\w${},\s]+=\s*require\(|@[\w.]+(?:\(.*\))?$|['""]\u00A4*['""];?$)")]
    private static partial Regex JavaScriptNonStatement();

    [GeneratedRegex(@"^(?:package\s|import\s)")]
    private static partial Regex GoNonStatement();

    [GeneratedRegex(@"^\}?\s*(?:else|try|finally|do)\s*\{?$")]
    private static partial Regex BareKeyword();

    [GeneratedRegex(@"^import\s*\($")]
    private static partial Regex GoImportBlock();

    [GeneratedRegex(@"(?:[(\[=+\-*/%?.]|&&|\|\||=>|\?\?)$")]
    private static partial Regex IncompleteEnd();

    [GeneratedRegex(@"^(?:\.(?!\.)|\?|:(?!:)|&&|\|\||\+(?!\+)|=>|\?\?)")]
    private static partial Regex StartsContinuation();
}
