using System.Text.RegularExpressions;
using SelfHeal.Code;

namespace SelfHeal.Localization.Signals;

/// <summary>
/// A frame in the <c>default:</c> section of a <c>switch</c> statement (C#, Java, JavaScript, Go) means no other
/// section took the value: the bug is as likely a case that is missing or wrong as the fallback that threw. The
/// <c>case</c> labels of that switch score <see cref="Share"/> of the frame. Lexical: labels are found by their
/// indentation matching the <c>default:</c> label's, within the enclosing function.
/// </summary>
internal static partial class SwitchLabels
{
    public const double Share = 0.5;

    public static void Add(SignalScores scores, SourceFile file, int line, double value, string frame)
    {
        var symbol = file.Outline.EnclosingSymbol(line);
        if (symbol is null || file.Language == CodeLanguage.Python)
        {
            return;
        }
        var lines = file.MaskedLines;
        var defaultLine = -1;
        for (var l = Math.Min(line, lines.Count); l > symbol.StartLine; l--)
        {
            var text = lines[l - 1];
            if (Label().Match(text) is { Success: true } label)
            {
                defaultLine = label.Groups[2].Value == "default" ? l : -1;
                break;
            }
            if (text.Contains("switch", StringComparison.Ordinal))
            {
                break;
            }
        }
        if (defaultLine < 0)
        {
            return;
        }
        var indent = Indent(lines[defaultLine - 1]);
        // The switch's labels sit at the default label's indentation; the switch itself (and anything before it) less deep.
        var labels = new List<int>();
        for (var l = defaultLine - 1; l > symbol.StartLine; l--)
        {
            var text = lines[l - 1];
            if (text.Trim().Length == 0)
            {
                continue;
            }
            var depth = Indent(text);
            if (depth < indent && !IsBraceOnly(text))
            {
                break;
            }
            if (depth == indent && Label().IsMatch(text))
            {
                labels.Add(l);
            }
        }
        for (var l = defaultLine + 1; l <= Math.Min(symbol.EndLine, lines.Count); l++)
        {
            var text = lines[l - 1];
            if (text.Trim().Length > 0 && Indent(text) < indent)
            {
                break;
            }
            if (Indent(text) == indent && Label().IsMatch(text))
            {
                labels.Add(l);
            }
        }
        foreach (var label in labels)
        {
            if (file.Outline.StatementContaining(label) is { } statement)
            {
                scores.Add(new SuspectSpan(file.Path, statement.StartLine, statement.EndLine), value * Share,
                    $"another case of the switch whose default section threw ({frame})");
            }
        }
    }

    private static int Indent(string text) => text.Length - text.TrimStart().Length;

    private static bool IsBraceOnly(string text) => text.Trim() is "{" or "}";

    [GeneratedRegex(@"^(\s*)(case\b.*|default)\s*:(?!:)")]
    private static partial Regex Label();
}
