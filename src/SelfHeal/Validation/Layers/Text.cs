using System.Text.RegularExpressions;
using SelfHeal.Security;

namespace SelfHeal.Validation.Layers;

/// <summary>Evidence lines from a command's output: untrusted text, trimmed, capped and with secrets redacted.</summary>
internal static partial class Text
{
    private const int MaxDiagnostics = 10;

    /// <summary>": " and the first line of the test's failure message (at most 200 characters), or empty.</summary>
    public static string Why(SelfHeal.Testing.TestOutcome? test) =>
        test?.Message is { } message && FirstLine(SecretRedactor.Instance.Redact(message)) is { Length: > 0 } line ? ": " + (line.Length > 200 ? line[..200] + "…" : line) : "";

    public static string FirstLine(string text) => text.Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? text;

    /// <summary>The compiler's error lines (<c>error CS1002</c>, <c>SyntaxError</c>, ...), at most ten, else the first lines.</summary>
    public static IReadOnlyList<string> Diagnostics(string output)
    {
        var lines = SecretRedactor.Instance.Redact(output).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var errors = lines.Where(l => ErrorLine().IsMatch(l)).Distinct(StringComparer.Ordinal).Take(MaxDiagnostics).ToList();
        return [.. (errors.Count > 0 ? errors : lines.Take(3)).Select(l => l.Length > 300 ? l[..297] + "..." : l)];
    }

    [GeneratedRegex(@"\berror\b|Error:|SyntaxError|IndentationError|cannot find symbol", RegexOptions.CultureInvariant)]
    private static partial Regex ErrorLine();
}
