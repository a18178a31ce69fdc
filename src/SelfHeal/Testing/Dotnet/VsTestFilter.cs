using System.Text;

namespace SelfHeal.Testing.Dotnet;

/// <summary>Builds <c>dotnet test --filter</c> expressions, escaping vstest's special characters.</summary>
internal static class VsTestFilter
{
    /// <summary><c>FullyQualifiedName=A|FullyQualifiedName=B</c> for <paramref name="ids"/>.</summary>
    public static string ForIds(IEnumerable<string> ids) =>
        string.Join('|', ids.Distinct(StringComparer.Ordinal).Select(id => "FullyQualifiedName=" + Escape(id)));

    /// <summary>Escapes <c>\ ( ) &amp; | = ! ~</c> with a backslash, as vstest's filter syntax requires.</summary>
    public static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '\\' or '(' or ')' or '&' or '|' or '=' or '!' or '~')
            {
                builder.Append('\\');
            }
            builder.Append(c);
        }
        return builder.ToString();
    }
}
