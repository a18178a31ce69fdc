using System.Text.RegularExpressions;

namespace SelfHeal.Policy;

/// <summary>What counts as a test file, an assertion, a test declaration and a skip, across C#, Python, JS/TS, Java and Go.</summary>
internal static partial class TestFileRules
{
    public static bool IsTestFile(string path)
    {
        var segments = path.Split('/');
        var name = segments[^1];
        return segments[..^1].Any(s => s.ToLowerInvariant() is "test" or "tests" or "__tests__" or "spec" or "specs" or "testing")
            || segments[..^1].Any(s => s.EndsWith(".Tests", StringComparison.OrdinalIgnoreCase) || s.EndsWith(".Test", StringComparison.OrdinalIgnoreCase))
            || TestFileName().IsMatch(name);
    }

    /// <summary>A line that checks something: <c>Assert.Equal</c>, <c>assert x</c>, <c>expect(</c>, <c>assertEquals</c>, <c>t.Errorf</c>, <c>.Should()</c>.</summary>
    public static bool IsAssertion(string line) => Assertion().IsMatch(line);

    /// <summary>A line that declares a test: <c>[Fact]</c>, <c>@Test</c>, <c>def test_</c>, <c>func TestX</c>, <c>it(</c>.</summary>
    public static bool IsTestDeclaration(string line) => TestDeclaration().IsMatch(line);

    /// <summary>A line that disables a test: <c>Skip =</c>, <c>@pytest.mark.skip</c>, <c>@Disabled</c>, <c>it.skip</c>, <c>t.Skip(</c>.</summary>
    public static bool IsSkip(string line) => Skip().IsMatch(line);

    [GeneratedRegex(@"(^test_.*\.py$)|(_test\.(py|go)$)|((Tests?|IT)\.(cs|java|kt|fs|vb)$)|(\.(test|spec)\.[cm]?[jt]sx?$)|(^conftest\.py$)", RegexOptions.IgnoreCase)]
    private static partial Regex TestFileName();

    [GeneratedRegex(@"\b[Aa]ssert\w*\b|\bexpect\s*\(|\.[Ss]hould\w*\b|\bt\.(Error|Errorf|Fatal|Fatalf|Fail|FailNow)\(|\brequire\.\w+\(|\bpytest\.raises\b|\.(toBe|toEqual|toStrictEqual|toThrow|toHaveBeenCalled)\w*\(|\bverify\(|\bXCTAssert")]
    private static partial Regex Assertion();

    [GeneratedRegex(@"\[(Fact|Theory|Test|TestMethod|TestCase)\b|@(Test|ParameterizedTest|RepeatedTest)\b|\bdef\s+test\w*\s*\(|\bfunc\s+Test\w*\s*\(|^\s*(it|test|describe)\s*\(")]
    private static partial Regex TestDeclaration();

    [GeneratedRegex(@"\bSkip\s*=|\[Ignore\b|@(Disabled|Ignore)\b|@pytest\.mark\.(skip|xfail)|@unittest\.skip|\b(it|test|describe)\.(skip|todo)\b|\bx(it|test|describe)\s*\(|\bt\.Skip(f|Now)?\(|\bpytest\.skip\(|\bAssume\.|\bassumeTrue\(")]
    private static partial Regex Skip();
}
