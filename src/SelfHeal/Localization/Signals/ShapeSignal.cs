using System.Text.RegularExpressions;
using SelfHeal.Code;

namespace SelfHeal.Localization.Signals;

/// <summary>
/// A prior over what kind of statement a suspect is, applied only to statements other signals already
/// suspect, to break their near-ties: one-line bugs mostly sit in decisions and computed values (branch
/// and loop conditions with comparisons or arithmetic, returned or assigned expressions, calls) and
/// rarely in scaffolding (declarations, plain loop headers over a collection, <c>else</c>, braces,
/// imports). Read from the masked source, so strings and comments never count.
/// </summary>
internal static partial class ShapeSignal
{
    public const string Name = "shape";

    public static SignalScores Score(SourceTree tree, IEnumerable<SuspectSpan> spans)
    {
        var scores = new SignalScores(Name) { FixedScale = 1 };
        foreach (var span in spans)
        {
            if (tree.Get(span.File) is not { } file || span.StartLine < 1 || span.StartLine > file.MaskedLines.Count)
            {
                continue;
            }
            var code = string.Join(' ', Enumerable.Range(span.StartLine, Math.Min(span.EndLine, file.MaskedLines.Count) - span.StartLine + 1)
                .Select(line => file.MaskedLines[line - 1].Trim()));
            var (value, kind) = Classify(code);
            scores.Add(span, value, kind);
        }
        return scores;
    }

    /// <summary>The prior (0–1] of a statement's code and the kind named in the evidence.</summary>
    internal static (double Value, string Kind) Classify(string code)
    {
        var decides = Comparison().IsMatch(code) || Logical().IsMatch(code);
        var computes = Arithmetic().IsMatch(code);
        if (Condition().IsMatch(code))
        {
            return decides ? (1.0, "a condition with a comparison or boolean operator")
                : computes ? (0.8, "a condition with arithmetic")
                : (0.7, "a condition");
        }
        if (Loop().IsMatch(code))
        {
            // The loop's own "in" (for x in xs, foreach (var x in xs)) is not a comparison.
            var header = LoopIn().Replace(code, " ", 1);
            return Comparison().IsMatch(header) || Logical().IsMatch(header) || computes
                ? (0.8, "a loop whose bounds are computed")
                : (0.2, "a loop header over a collection");
        }
        if (Scaffolding().IsMatch(code) || code.Trim().Trim('{', '}', '(', ')', ';', ',').Length == 0)
        {
            return (0.1, "scaffolding (a declaration, else, try, import or brace)");
        }
        if (decides || computes)
        {
            return (0.7, "a computed value (arithmetic, comparison or boolean operator)");
        }
        return Call().IsMatch(code) ? (0.5, "a call") : (0.4, "a plain statement");
    }

    [GeneratedRegex(@"^\s*(\}\s*)?(if|elif|else\s+if|while|unless|until|case|when|assert|guard)\b|\?[^?.:\[]|\bswitch\b")]
    private static partial Regex Condition();

    [GeneratedRegex(@"^\s*(for|foreach)\b")]
    private static partial Regex Loop();

    [GeneratedRegex(@"\bin\b")]
    private static partial Regex LoopIn();

    [GeneratedRegex(@"^\s*(\}\s*)?(else|try|finally|catch|except|do|def|class|struct|record|interface|enum|namespace|package|import|from\s+\S+\s+import|using\s+[\w.]+\s*;|function\s+\w+\s*\(|func\s|public|private|protected|internal|static|@\w+)\b")]
    private static partial Regex Scaffolding();

    [GeneratedRegex(@"==|!=|<=|>=|(?<![<=-])>(?!=)|<(?![=<])|\bis\b|\bin\b(?!\s*\()|\binstanceof\b")]
    private static partial Regex Comparison();

    [GeneratedRegex(@"&&|\|\||(?<![=!<>])!(?!=)|\band\b|\bor\b|\bnot\b")]
    private static partial Regex Logical();

    [GeneratedRegex(@"[\w)\]]\s*[-+*/%]\s*[\w(]|\+\+|--|[-+*/%]=")]
    private static partial Regex Arithmetic();

    [GeneratedRegex(@"\w\s*\(")]
    private static partial Regex Call();
}
