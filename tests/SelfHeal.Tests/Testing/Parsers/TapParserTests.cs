using SelfHeal.Testing;
using SelfHeal.Testing.Parsers;

namespace SelfHeal.Tests.Testing.Parsers;

public sealed class TapParserTests
{
    [Fact]
    public void Parse_NodeTap_ReadsSubtestsAndLeavesOutGroupingSuites()
    {
        var outcomes = TapParser.Parse(TestingData.Read("node-test.tap"));

        Assert.Equal(["adds", "fails", "suite > inner ok", "suite > inner bad", "skipped"], outcomes.Select(o => o.Id));
    }

    [Fact]
    public void Parse_NodeTap_ReadsYamlErrorAndStack()
    {
        var outcomes = TapParser.Parse(TestingData.Read("node-test.tap"));

        var fails = outcomes.Single(o => o.Id == "fails");
        Assert.Equal(TestStatus.Failed, fails.Status);
        Assert.StartsWith("Expected values to be strictly equal:", fails.Message, StringComparison.Ordinal);
        Assert.Contains("2 !== 3", fails.Message, StringComparison.Ordinal);
        Assert.StartsWith("TestContext.<anonymous> (/home/dev/shop/test/cart.test.js:3:30)", fails.StackTrace, StringComparison.Ordinal);
        Assert.Equal("boom", outcomes.Single(o => o.Id == "suite > inner bad").Message);
        Assert.Equal(TimeSpan.FromMilliseconds(1.406667), outcomes[0].Duration);
    }

    [Fact]
    public void Parse_SkipAndTodoDirectives_AreSkipped()
    {
        const string tap = """
            TAP version 14
            1..4
            ok 1 - adds # SKIP not on this platform
            not ok 2 - discounts # TODO write it
            ok 3 handles \# in names
            not ok 4 - crashes
              ---
              message: "went \"wrong\""
              ...
            """;

        var outcomes = TapParser.Parse(tap);

        Assert.Equal([TestStatus.Skipped, TestStatus.Skipped, TestStatus.Passed, TestStatus.Failed], outcomes.Select(o => o.Status));
        Assert.Equal("not on this platform", outcomes[0].Message);
        Assert.Equal("handles # in names", outcomes[2].Name);
        Assert.Equal("went \"wrong\"", outcomes[3].Message);
    }

    [Fact]
    public void Parse_NoTapLines_ReturnsNothing() => Assert.Empty(TapParser.Parse("Build succeeded.\nok then\n"));
}
