using SelfHeal.Benchmarks;

namespace SelfHeal.Tests.Benchmarks;

public sealed class FixEquivalenceTests
{
    [Theory]
    [InlineData("a.cs", "class A { int F(int x) { return x >= 1 ? 1 : 0; } }", "class A\n{\n    // kept\n    int F(int x)\n    {\n        return x >= 1 ? 1 : 0;\n    }\n}\n", true)]
    [InlineData("a.cs", "class A { int F(int x) { return x >= 1 ? 1 : 0; } }", "class A { int F(int x) { return x > 1 ? 1 : 0; } }", false)]
    [InlineData("a.py", "def f(x):\n    return x + 1  # one\n", "def f(x):\n\n    return x + 1\n", true)]
    [InlineData("a.py", "def f(x):\n    if x:\n        return 1\n    return 2\n", "def f(x):\n    if x:\n        return 1\n        return 2\n", false)]
    [InlineData("a.js", "const f = (x) => { return x + 1; };", "const f = (x) => {\n  return x + 1; // one\n};\n", true)]
    [InlineData("A.java", "int f(int x) { return x - 1; }", "int f(int x) { return x + 1; }", false)]
    [InlineData("notes.txt", "a\n  b\n", "a\n\nb", true)]
    public void SameCode_IgnoresLayoutAndCommentsButNotMeaning(string path, string left, string right, bool same) =>
        Assert.Equal(same, FixEquivalence.SameCode(path, left, right));

    [Fact]
    public void SameCode_AFileOnlyOneSideHas_IsADifference()
    {
        Assert.False(FixEquivalence.SameCode("a.cs", "class A {}", null));
        Assert.True(FixEquivalence.SameCode("a.cs", null, null));
    }

    [Theory]
    [InlineData("tests/test_total.py::TestTotals::test_sum", "tests.test_total.TestTotals.test_sum", true)]
    [InlineData("tests/test_total.py::test_sum", "test_sum", true)]
    [InlineData("Billing.Tests.TotalsTests.Sum_AddsLines", "TotalsTests.Sum_AddsLines", true)]
    [InlineData("tests/test_total.py::test_sum", "tests/test_total.py::test_sum_empty", false)]
    [InlineData("", "test_sum", false)]
    public void TestIds_MatchAcrossConventions(string left, string right, bool match) =>
        Assert.Equal(match, TestIds.Match(left, right));
}
