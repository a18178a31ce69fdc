using SelfHeal.Testing;
using SelfHeal.Testing.Parsers;

namespace SelfHeal.Tests.Testing.Parsers;

public sealed class JUnitXmlParserTests
{
    [Fact]
    public void ParseFile_AntReport_ReadsPassFailAndSkip()
    {
        var cases = JUnitXmlParser.ParseFile(TestingData.PathOf("TEST-shop.CartTest.xml"));

        Assert.Equal(3, cases.Count);
        var failed = Assert.Single(cases, c => c.Status == TestStatus.Failed);
        Assert.Equal("shop.CartTest.totalAddsEveryPrice", failed.QualifiedName);
        Assert.Equal("expected:<6> but was:<5>", failed.Message);
        Assert.Contains("at shop.CartTest.totalAddsEveryPrice", failed.Details, StringComparison.Ordinal);
        Assert.Equal("later", Assert.Single(cases, c => c.Status == TestStatus.Skipped).Message);
        Assert.Equal(["shop.CartTest"], cases[0].Suites);
    }

    [Fact]
    public void ParseFile_SurefireReport_ReadsErrorsFlakesAndGroupedTimes()
    {
        var outcomes = JUnitXmlParser.ParseFile(TestingData.PathOf("TEST-com.shop.CartTest.xml")).Select(c => c.ToOutcome()).ToList();

        Assert.Equal(5, outcomes.Count);
        var error = Assert.Single(outcomes, o => o.Status == TestStatus.Error);
        Assert.Equal("com.shop.CartTest.discountOfNullCart", error.Id);
        Assert.Equal("com.shop.CartTest", error.ClassName);
        Assert.Contains("Cart.java:6", error.StackTrace, StringComparison.Ordinal);
        var flaky = Assert.Single(outcomes, o => o.Flaky);
        Assert.Equal(TestStatus.Passed, flaky.Status);
        Assert.Equal(TimeSpan.FromSeconds(1204.5), flaky.Duration);
        Assert.Equal(TestStatus.Failed, outcomes.Single(o => o.Name == "totalAddsEveryPrice").Status);
    }

    [Fact]
    public void ParseFile_NodeReport_KeepsNestedSuiteNames()
    {
        var cases = JUnitXmlParser.ParseFile(TestingData.PathOf("node-junit.xml"));

        Assert.Equal(["adds", "fails", "inner ok", "inner bad", "skipped"], cases.Select(c => c.Name));
        var inner = cases.Single(c => c.Name == "inner bad");
        Assert.Equal(["suite"], inner.Suites);
        Assert.Equal("boom", inner.Message);
        Assert.Contains("cart.test.js:4:98", inner.Details, StringComparison.Ordinal);
        Assert.Equal(TestStatus.Skipped, cases.Single(c => c.Name == "skipped").Status);
    }

    [Fact]
    public void ParseFile_PytestXunit1Report_KeepsFileAttribute()
    {
        var cases = JUnitXmlParser.ParseFile(TestingData.PathOf("pytest-junit-xunit1.xml"));

        Assert.Equal(6, cases.Count);
        Assert.All(cases, c => Assert.Equal("tests/test_cart.py", c.File));
        var failed = Assert.Single(cases, c => c.Status == TestStatus.Failed);
        Assert.StartsWith("assert 90 == 91", failed.Message, StringComparison.Ordinal);
        Assert.Contains("tests/test_cart.py:10: AssertionError", failed.Details, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<testsuite name=\"cut off")]
    [InlineData("<html><body>not a report</body></html>")]
    public void Parse_MalformedOrForeignXml_ReturnsNoCases(string xml) => Assert.Empty(JUnitXmlParser.Parse(xml));

    [Fact]
    public void Parse_ErrorWithoutMessageAttribute_TakesFirstLineOfText()
    {
        const string xml = """
            <testsuites><testsuite name="outer"><testsuite name="inner">
              <testcase classname="" name="tests.test_broken" time="0.000"><error>
            ImportError while importing test module
            Traceback: ...</error></testcase>
            </testsuite></testsuite></testsuites>
            """;

        var testCase = Assert.Single(JUnitXmlParser.Parse(xml));

        Assert.Equal(TestStatus.Error, testCase.Status);
        Assert.Equal("ImportError while importing test module", testCase.Message);
        Assert.Equal(["outer", "inner"], testCase.Suites);
        Assert.Equal("tests.test_broken", testCase.QualifiedName);
    }
}
