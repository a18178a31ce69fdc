using SelfHeal.Code;
using SelfHeal.Localization.Signals;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Localization;

public sealed class ShapeSignalTests
{
    [Theory]
    [InlineData("if quantity > tier.min_quantity:", 1.0)]
    [InlineData("} else if (value == null || value === '') {", 1.0)]
    [InlineData("while (!done)", 1.0)]
    [InlineData("if (flag) {", 0.7)]
    [InlineData("for start in range(len(values) - window):", 0.8)]
    [InlineData("for (int i = 0; i <= items.Count; i++)", 0.8)]
    [InlineData("for tier in VOLUME_TIERS:", 0.2)]
    [InlineData("foreach (var line in lines)", 0.2)]
    [InlineData("return subtotal * rate;", 0.7)]
    [InlineData("var ready = count >= limit;", 0.7)]
    [InlineData("averages.append(running)", 0.5)]
    [InlineData("total = tally", 0.4)]
    [InlineData("def discount_rate(quantity: int) -> Decimal:", 0.1)]
    [InlineData("public sealed class Invoice", 0.1)]
    [InlineData("} else {", 0.1)]
    [InlineData("}", 0.1)]
    [InlineData("import os", 0.1)]
    public void Classify_RanksDecisionsAndComputedValuesAboveScaffolding(string code, double expected) =>
        Assert.Equal(expected, ShapeSignal.Classify(code).Value);

    [Fact]
    public void Score_ReadsMaskedCode_SoOperatorsInStringsAndCommentsDoNotCount()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("a.py"), "def f(x):\n    log(\"x > 1 and y\")  # a == b\n    return x\n");
        var tree = SourceTree.FromPaths(dir.Path, ["a.py"]);

        var scores = ShapeSignal.Score(tree, [new SuspectSpan("a.py", 2, 2), new SuspectSpan("a.py", 3, 3), new SuspectSpan("a.py", 99, 99)]);

        Assert.Equal(0.5, scores.Hits[new SuspectSpan("a.py", 2, 2)].Value);
        Assert.Equal(0.4, scores.Hits[new SuspectSpan("a.py", 3, 3)].Value);
        Assert.Equal(2, scores.Hits.Count);
    }
}
