using System.Text.RegularExpressions;

namespace SelfHeal.Localization.Coverage;

/// <summary>
/// Compares and takes apart test ids across ecosystems: dotnet's <c>Ns.Class.Method(args)</c>, pytest's
/// <c>tests/test_x.py::Class::test_y[param]</c> (coverage contexts add <c>|run</c>), JUnit's <c>pkg.Class.method</c>,
/// go's <c>pkg/TestName</c>.
/// </summary>
internal static partial class TestIds
{
    /// <summary>The id without parameters and coverage-phase suffixes.</summary>
    public static string Normalize(string id)
    {
        var s = id.Trim();
        var bar = s.IndexOf('|', StringComparison.Ordinal);
        if (bar > 0)
        {
            s = s[..bar];
        }
        return Parameters().Replace(s, "");
    }

    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> name the same test (one may be a qualified form of the other).</summary>
    public static bool Same(string a, string b)
    {
        var x = Normalize(a);
        var y = Normalize(b);
        if (x.Length == 0 || y.Length == 0)
        {
            return false;
        }
        if (string.Equals(x, y, StringComparison.Ordinal))
        {
            return true;
        }
        var (longer, shorter) = x.Length >= y.Length ? (x, y) : (y, x);
        return longer.EndsWith(shorter, StringComparison.Ordinal)
            && longer[longer.Length - shorter.Length - 1] is '.' or ':' or '/' or ' ';
    }

    /// <summary>The test's method or function name and, when the id says, its class.</summary>
    public static (string? ClassName, string Method) Parse(string id)
    {
        var s = Normalize(id);
        if (s.Contains("::", StringComparison.Ordinal))
        {
            var parts = s.Split("::");
            var cls = parts.Length > 2 ? parts[^2] : null;
            return (cls, parts[^1]);
        }
        if (s.Contains(" > ", StringComparison.Ordinal))
        {
            return (null, s.Split(" > ")[^1].Trim());
        }
        if (s.Contains('/', StringComparison.Ordinal) && !s.Contains(' ', StringComparison.Ordinal))
        {
            var segments = s.Split('/');
            var test = segments.LastOrDefault(p => p.StartsWith("Test", StringComparison.Ordinal)) ?? segments[^1];
            return (null, test);
        }
        if (!s.Contains(' ', StringComparison.Ordinal) && s.Contains('.', StringComparison.Ordinal))
        {
            var parts = s.Split('.');
            return (parts[^2], parts[^1]);
        }
        return (null, s);
    }

    [GeneratedRegex(@"(\([^()]*\)|\[[^\[\]]*\])$")]
    private static partial Regex Parameters();
}
