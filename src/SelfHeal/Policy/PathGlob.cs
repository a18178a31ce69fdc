using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace SelfHeal.Policy;

/// <summary>gitignore-style glob matching over <c>/</c>-separated repository-relative paths.</summary>
internal static class PathGlob
{
    private static readonly ConcurrentDictionary<(string, bool), Regex> Cache = new();

    /// <summary>
    /// Whether <paramref name="path"/> matches <paramref name="glob"/>. A glob without <c>/</c> matches any single
    /// path segment (and so everything below a matching folder); one with <c>/</c> is anchored at the root and
    /// also matches everything below the folder it names.
    /// </summary>
    public static bool IsMatch(string glob, string path, bool ignoreCase)
    {
        var regex = Cache.GetOrAdd((glob, ignoreCase), key => Compile(key.Item1, key.Item2));
        var trimmed = glob.Trim().TrimEnd('/');
        if (trimmed.Contains('/', StringComparison.Ordinal))
        {
            return regex.IsMatch(path);
        }
        return path.Split('/').Any(regex.IsMatch);
    }

    private static Regex Compile(string glob, bool ignoreCase)
    {
        var pattern = glob.Trim().TrimEnd('/').TrimStart('/');
        var anchored = glob.Trim().TrimEnd('/').Contains('/', StringComparison.Ordinal);
        var builder = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                var slashAfter = i + 2 < pattern.Length && pattern[i + 2] == '/';
                builder.Append(slashAfter ? "(?:.*/)?" : ".*");
                i += slashAfter ? 2 : 1;
            }
            else
            {
                builder.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }
        }
        builder.Append(anchored ? "(?:/.*)?$" : "$");
        var options = RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        return new Regex(builder.ToString(), options, TimeSpan.FromSeconds(1));
    }
}
