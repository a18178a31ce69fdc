using System.Text.RegularExpressions;

namespace SelfHeal.Auditing;

/// <summary>
/// Hides the values of secret-looking options in a command line before it is recorded: <c>--token X</c>,
/// <c>--password=X</c>, <c>-p:ApiKey=X</c>, <c>API_TOKEN=X cmd</c>. Well-known token formats anywhere are
/// redacted later by the audit log's <see cref="Security.SecretRedactor"/>. Pure.
/// </summary>
public static partial class CommandLineRedaction
{
    /// <summary>What a hidden value is replaced with.</summary>
    public const string Hidden = "[REDACTED]";

    /// <summary><paramref name="arguments"/> with secret option values replaced by <see cref="Hidden"/>.</summary>
    public static IReadOnlyList<string> Redact(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var redacted = new List<string>(arguments.Count);
        var hideNext = false;
        foreach (var argument in arguments)
        {
            if (hideNext)
            {
                redacted.Add(Hidden);
                hideNext = false;
                continue;
            }
            hideNext = SecretFlag().IsMatch(argument);
            redacted.Add(RedactText(argument));
        }
        return redacted;
    }

    /// <summary>A command line (or one argument) with the values of secret-looking assignments and flags hidden.</summary>
    public static string RedactText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var assigned = SecretAssignment().Replace(text, m => m.Groups["name"].Value + m.Groups["sep"].Value + Hidden);
        return SecretFlagWithValue().Replace(assigned, m => m.Groups["flag"].Value + m.Groups["space"].Value + Hidden);
    }

    private const string SecretWord = @"(?:token|secret|passw(?:or)?d|passphrase|credential|api[_-]?key|private[_-]?key|access[_-]?key)";

    [GeneratedRegex(@"^--?[\w.-]*" + SecretWord + @"[\w.-]*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretFlag();

    [GeneratedRegex(@"(?<name>[\w.:-]*" + SecretWord + @"[\w.-]*)(?<sep>\s*[=:]\s*)(?<value>""[^""]*""|'[^']*'|[^\s;&|]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretAssignment();

    [GeneratedRegex(@"(?<flag>(?<=^|\s)--?[\w.-]*" + SecretWord + @"[\w.-]*)(?<space>\s+)(?<value>""[^""]*""|'[^']*'|[^\s;&|-][^\s;&|]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretFlagWithValue();
}
