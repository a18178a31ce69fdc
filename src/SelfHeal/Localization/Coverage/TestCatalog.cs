using System.Text.RegularExpressions;
using SelfHeal.Code;

namespace SelfHeal.Localization.Coverage;

/// <summary>
/// Lists the tests of a repository from source, as the ids a runner filters on, for a coverage run of "every test but
/// the failing ones" when the run record holds no list of tests. Knows xunit, NUnit and MSTest in C# (the fully
/// qualified name <c>Namespace.Class.Method</c> of a method marked <c>[Fact]</c>, <c>[Theory]</c>, <c>[Test]</c>,
/// <c>[TestCase]</c> or <c>[TestMethod]</c>); other languages' runners give per-test coverage or none, and list nothing.
/// </summary>
internal static partial class TestCatalog
{
    public static IReadOnlyList<string> DotnetTestIds(SourceTree tree)
    {
        var ids = new List<string>();
        foreach (var file in tree.Files.Where(f => f.IsTest && f.Language == CodeLanguage.CSharp))
        {
            var ns = Namespace().Match(file.Text) is { Success: true } m ? m.Groups[1].Value + "." : "";
            foreach (var symbol in file.Outline.Symbols.Where(s => s.ClassName is not null))
            {
                if (IsMarkedAsTest(file, symbol.StartLine))
                {
                    ids.Add($"{ns}{symbol.ClassName!.Replace('.', '+')}.{symbol.Name}");
                }
            }
        }
        return [.. ids.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>Whether the attribute lines right above <paramref name="line"/> (or on it) mark a test.</summary>
    private static bool IsMarkedAsTest(SourceFile file, int line)
    {
        if (TestAttribute().IsMatch(file.Lines[line - 1]))
        {
            return true;
        }
        for (var l = line - 1; l >= 1 && l >= line - 8; l--)
        {
            var text = file.MaskedLines[l - 1].Trim();
            if (text.Length > 0 && !text.StartsWith('['))
            {
                return false;
            }
            if (TestAttribute().IsMatch(file.Lines[l - 1]))
            {
                return true;
            }
        }
        return false;
    }

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    [GeneratedRegex(@"\[\s*(?:Xunit\.)?(?:Fact|Theory|Test|TestCase|TestMethod|DataTestMethod|SkippableFact|SkippableTheory)\b")]
    private static partial Regex TestAttribute();
}
