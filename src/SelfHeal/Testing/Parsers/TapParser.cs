using System.Globalization;
using System.Text.RegularExpressions;

namespace SelfHeal.Testing.Parsers;

/// <summary>
/// Reads TAP 13/14 (node's <c>--test-reporter=tap</c>, tap-producing tools): <c>ok</c>/<c>not ok</c> lines, subtests by
/// four-space indentation announced with <c># Subtest:</c>, <c># SKIP</c>/<c># TODO</c> directives and the YAML
/// diagnostics block (<c>error</c>/<c>message</c>, <c>stack</c>, <c>duration_ms</c>). A test's id is its name
/// preceded by its parents' names, joined with <c> &gt; </c>. Parents that only group subtests are left out.
/// Text without a <c>TAP version</c> line or a plan (<c>1..N</c>) is not TAP and yields nothing.
/// </summary>
internal static partial class TapParser
{
    public const string Separator = " > ";

    public static IReadOnlyList<TestOutcome> Parse(string text)
    {
        var lines = text.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        var outcomes = new List<TestOutcome>();
        if (!lines.Any(l => Header().IsMatch(l)))
        {
            return outcomes;
        }
        var subtests = new Dictionary<int, string>();
        var lastLevel = -1;
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ').Length;
            var content = lines[i].Trim();
            var level = indent / 4;
            if (content.StartsWith("# Subtest:", StringComparison.Ordinal))
            {
                subtests[level] = content["# Subtest:".Length..].Trim();
                continue;
            }
            var match = TestLine().Match(content);
            if (!match.Success)
            {
                continue;
            }
            var diagnostics = ReadDiagnostics(lines, ref i, indent);
            var isParent = lastLevel > level;
            lastLevel = level;
            foreach (var deeper in subtests.Keys.Where(k => k > level).ToList())
            {
                subtests.Remove(deeper);
            }
            if (isParent)
            {
                continue;
            }
            var name = Unescape(match.Groups["desc"].Value.Trim());
            var ancestors = Enumerable.Range(0, level).Select(l => subtests.GetValueOrDefault(l)).OfType<string>();
            var directive = match.Groups["dir"].Value.ToUpperInvariant();
            var status = directive is "SKIP" or "TODO" ? TestStatus.Skipped
                : match.Groups["ok"].Value == "ok" ? TestStatus.Passed
                : TestStatus.Failed;
            var reason = match.Groups["reason"].Value.Trim();
            outcomes.Add(new TestOutcome(string.Join(Separator, ancestors.Append(name)), name, status, Duration(diagnostics))
            {
                Message = status == TestStatus.Skipped
                    ? (reason.Length > 0 ? reason : null)
                    : diagnostics.GetValueOrDefault("error") ?? diagnostics.GetValueOrDefault("message"),
                StackTrace = status == TestStatus.Failed ? diagnostics.GetValueOrDefault("stack") : null,
            });
        }
        return outcomes;
    }

    private static Dictionary<string, string> ReadDiagnostics(string[] lines, ref int index, int testIndent)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (index + 1 >= lines.Length || lines[index + 1].Trim() != "---")
        {
            return values;
        }
        var baseIndent = lines[index + 1].Length - lines[index + 1].TrimStart(' ').Length;
        if (baseIndent < testIndent)
        {
            return values;
        }
        var i = index + 2;
        while (i < lines.Length && lines[i].Trim() != "...")
        {
            var line = lines[i];
            var indent = line.Length - line.TrimStart(' ').Length;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (indent != baseIndent || colon < 0)
            {
                i++;
                continue;
            }
            var key = line[indent..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            i++;
            if (value is "|" or "|-" or "|+" or ">" or ">-" || value.Length == 0)
            {
                var block = new List<string>();
                while (i < lines.Length && lines[i].Trim() != "..." && (lines[i].Trim().Length == 0 || lines[i].Length - lines[i].TrimStart(' ').Length > baseIndent))
                {
                    block.Add(lines[i].Length > baseIndent + 2 ? lines[i][(baseIndent + 2)..] : lines[i].Trim());
                    i++;
                }
                if (value.Length > 0)
                {
                    values[key] = string.Join(value.StartsWith('>') ? " " : "\n", block).TrimEnd();
                }
                continue;
            }
            values[key] = Scalar(value);
        }
        index = Math.Min(i, lines.Length - 1);
        return values;
    }

    private static string Scalar(string value)
    {
        if (value.Length >= 2 && value[0] == '\'' && value[^1] == '\'')
        {
            return value[1..^1].Replace("''", "'", StringComparison.Ordinal);
        }
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            return Regex.Unescape(value[1..^1]);
        }
        return value;
    }

    private static TimeSpan Duration(Dictionary<string, string> diagnostics) =>
        diagnostics.TryGetValue("duration_ms", out var ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? TimeSpan.FromMilliseconds(value)
            : TimeSpan.Zero;

    private static string Unescape(string name) =>
        name.Replace("\\#", "#", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);

    [GeneratedRegex(@"^\s*(TAP version \d+|1\.\.\d+)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Header();

    [GeneratedRegex(@"^(?<ok>not ok|ok)\b\s*(?:\d+)?\s*(?:-\s*)?(?<desc>(?:[^#\\]|\\.)*?)\s*(?:#\s*(?<dir>skip|todo)\S*\s*(?<reason>.*))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TestLine();
}
