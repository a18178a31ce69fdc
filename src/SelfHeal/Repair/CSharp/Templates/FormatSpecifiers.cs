using System.Text.RegularExpressions;

namespace SelfHeal.Repair.CSharp.Templates;

/// <summary>
/// Likely corrections of .NET format strings: standard numeric specifiers (<c>N0</c>↔<c>N2</c>, <c>D2</c>↔<c>00</c>, …),
/// the case of custom date/time pattern runs (<c>hh</c>↔<c>HH</c>, <c>mm</c>↔<c>MM</c>, <c>DD</c>→<c>dd</c>) and the
/// specifiers inside composite formats (<c>{0:N2}</c>).
/// </summary>
internal static partial class FormatSpecifiers
{
    private static readonly Dictionary<string, string[]> Standard = new(StringComparer.Ordinal)
    {
        ["N0"] = ["N2"], ["N1"] = ["N2", "N0"], ["N2"] = ["N0", "F2"], ["N"] = ["N0", "N2"],
        ["F0"] = ["F2", "N0"], ["F1"] = ["F2"], ["F2"] = ["N2", "F0"], ["F"] = ["F2"],
        ["D"] = ["D2"], ["D2"] = ["00", "D"], ["D3"] = ["000", "D2"], ["00"] = ["D2", "0"], ["000"] = ["D3"],
        ["C"] = ["C2", "C0"], ["C0"] = ["C2"], ["C2"] = ["C0"],
        ["P"] = ["P0", "P2"], ["P0"] = ["P2", "P1"], ["P1"] = ["P0"], ["P2"] = ["P0"],
        ["0.00"] = ["0.##", "N2"], ["0.##"] = ["0.00"], ["0"] = ["00", "N0"], ["G"] = ["N2"],
        ["x"] = ["X"], ["X"] = ["x"], ["x2"] = ["X2"], ["X2"] = ["x2"],
        ["d"] = ["D"], ["t"] = ["T"], ["T"] = ["t"], ["o"] = ["s"], ["s"] = ["o"], ["u"] = ["o"],
    };

    private static readonly Dictionary<char, char> RunCase = new()
    {
        ['h'] = 'H', ['H'] = 'h', ['m'] = 'M', ['M'] = 'm', ['D'] = 'd', ['Y'] = 'y', ['S'] = 's',
    };

    /// <summary>Corrections of the whole specifier <paramref name="spec"/>; standard ones only when <paramref name="formatContext"/>.</summary>
    public static IEnumerable<string> For(string spec, bool formatContext)
    {
        if (formatContext && Standard.TryGetValue(spec, out var alternatives))
        {
            foreach (var alternative in alternatives)
            {
                yield return alternative;
            }
        }
        if (!DatePattern().IsMatch(spec) || !formatContext && !spec.Any(c => c is ':' or '/' or '-'))
        {
            yield break;
        }
        foreach (Match run in Runs().Matches(spec))
        {
            if (RunCase.TryGetValue(run.Value[0], out var other))
            {
                yield return string.Concat(spec.AsSpan(0, run.Index), new string(other, run.Length), spec.AsSpan(run.Index + run.Length));
            }
            if (run.Value == "yy")
            {
                yield return string.Concat(spec.AsSpan(0, run.Index), "yyyy", spec.AsSpan(run.Index + run.Length));
            }
        }
    }

    /// <summary>Corrections of a regular string literal's raw text: its whole content, or each <c>{i:spec}</c> of a composite format.</summary>
    public static IEnumerable<string> ForLiteral(string raw, bool formatContext)
    {
        if (raw.Length < 2 || raw[0] != '"' || raw[^1] != '"' || raw.Contains('\\', StringComparison.Ordinal))
        {
            yield break;
        }
        var content = raw[1..^1];
        foreach (var alternative in For(content, formatContext))
        {
            yield return $"\"{alternative}\"";
        }
        foreach (Match item in CompositeItem().Matches(content))
        {
            var spec = item.Groups["spec"];
            foreach (var alternative in For(spec.Value, formatContext: true))
            {
                yield return $"\"{content[..spec.Index]}{alternative}{content[(spec.Index + spec.Length)..]}\"";
            }
        }
    }

    [GeneratedRegex(@"^[yMdDHhmsSfFtzKY:/\-. ,']+$", RegexOptions.None, 1000)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"([a-zA-Z])\1*", RegexOptions.None, 1000)]
    private static partial Regex Runs();

    [GeneratedRegex(@"\{\d+(,-?\d+)?:(?<spec>[^{}]+)\}", RegexOptions.None, 1000)]
    private static partial Regex CompositeItem();
}
