using SelfHeal.Testing;
using SelfHeal.Testing.Parsers;

namespace SelfHeal.Tests.Testing.Parsers;

public sealed class JestJsonParserTests
{
    [Fact]
    public void Parse_JestReport_ReadsAssertionsAndSuitesThatFailedToRun()
    {
        var outcomes = JestJsonParser.Parse(TestingData.Read("jest-results.json"), "/home/dev/shop");

        Assert.Equal(["cart > total > adds prices", "cart > total > counts the first item", "cart > applies coupons", "test/tax.test.js"], outcomes.Select(o => o.Id));
        Assert.Equal([TestStatus.Passed, TestStatus.Failed, TestStatus.Skipped, TestStatus.Error], outcomes.Select(o => o.Status));
        var failed = outcomes[1];
        Assert.Equal("test/cart.test.js", failed.File);
        Assert.StartsWith("Error: expect(received).toBe(expected)", failed.Message, StringComparison.Ordinal);
        Assert.Contains("cart.test.js:9:32", failed.StackTrace, StringComparison.Ordinal);
        Assert.Contains("Cannot find module", outcomes[3].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotJson_ReturnsNothing() => Assert.Empty(JestJsonParser.Parse("PASS test/cart.test.js", "/"));
}
