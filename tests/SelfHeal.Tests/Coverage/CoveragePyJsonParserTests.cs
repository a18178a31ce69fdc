using SelfHeal.Coverage;
using SelfHeal.Tests.Testing;

namespace SelfHeal.Tests.Coverage;

public sealed class CoveragePyJsonParserTests
{
    [Fact]
    public void ParseContexts_RealReport_GroupsLinesByTestFunction()
    {
        var contexts = CoveragePyJsonParser.ParseContexts(TestingData.Read("coverage-py.json"), "/home/dev/shop");

        Assert.DoesNotContain("", contexts.Keys);
        Assert.Equal([9, 11], contexts["test_cart.test_discount_fails"].Where(l => l.File == "cart.py").Select(l => l.Line).Order());
        Assert.Equal([2, 3, 4, 5], contexts["test_cart.test_total"].Where(l => l.File == "cart.py").Select(l => l.Line).Order());
        Assert.Contains(new SourceLine("tests/test_cart.py", 6), contexts["test_cart.test_total"]);
    }

    [Fact]
    public void ParseContexts_NotJson_ReturnsNothing() => Assert.Empty(CoveragePyJsonParser.ParseContexts("{", "/"));
}
