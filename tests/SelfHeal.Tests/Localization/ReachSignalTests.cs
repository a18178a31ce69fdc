using SelfHeal.Localization.Signals;
using SelfHeal.Runs;

namespace SelfHeal.Tests.Localization;

public class ReachSignalTests
{
    [Fact]
    public async Task Score_PythonFailingTest_ScoresWhatItCallsAndOneLevelBelow()
    {
        using var inputs = await SignalTestInputs.CreateAsync("shop-py");
        var failure = new FailureReproduced(SignalTestInputs.PythonFailingTest, "assert 100.0 == 90.0", null);

        var scores = ReachSignal.Score(inputs.Input(failures: [failure]));

        Assert.Equal(1.0, scores.Hits[new SuspectSpan("shop/cart.py", 31, 31)].Value, 6);
        Assert.Equal(1.0, scores.Hits[new SuspectSpan("shop/cart.py", 17, 17)].Value, 6);
        Assert.Equal(1.0, scores.Hits[new SuspectSpan("shop/cart.py", 22, 22)].Value, 6);
        Assert.Equal(ReachSignal.SecondLevel, scores.Hits[new SuspectSpan("shop/cart.py", 26, 26)].Value, 6);
        Assert.False(scores.Hits.ContainsKey(new SuspectSpan("shop/cart.py", 38, 38)));
        Assert.DoesNotContain(scores.Hits.Keys, k => k.File.StartsWith("tests/", StringComparison.Ordinal));
        Assert.Equal("Cart.total is reached from 1 of 1 failing test", scores.Hits[new SuspectSpan("shop/cart.py", 31, 31)].Detail);
    }

    [Fact]
    public async Task Score_SeveralFailingTests_CodeAllOfThemReachOutranksCodeOneReaches()
    {
        using var inputs = await SignalTestInputs.CreateAsync("shop-py");
        FailureReproduced[] failures =
        [
            new(SignalTestInputs.PythonFailingTest, null, null),
            new("tests/test_cart.py::test_total_without_discount", null, null),
        ];

        var scores = ReachSignal.Score(inputs.Input(failures: failures));

        Assert.Equal(1.0, scores.Hits[new SuspectSpan("shop/cart.py", 31, 31)].Value, 6);
        Assert.Equal("Cart.total is reached from 2 of 2 failing tests", scores.Hits[new SuspectSpan("shop/cart.py", 31, 31)].Detail);
    }

    [Fact]
    public async Task Score_CSharpFailingTest_ReachesConstructorMethodsAndTheirCallees()
    {
        using var inputs = await SignalTestInputs.CreateAsync("shop-cs");
        var failure = new FailureReproduced(SignalTestInputs.CSharpFailingTest + "()", "Assert.Equal() Failure", null);

        var scores = ReachSignal.Score(inputs.Input(failures: [failure]));

        Assert.Equal(1.0, scores.Hits[new SuspectSpan("src/Shop/Cart.cs", 13, 13)].Value, 6);
        Assert.Equal(1.0, scores.Hits[new SuspectSpan("src/Shop/Cart.cs", 34, 34)].Value, 6);
        Assert.Equal(ReachSignal.SecondLevel, scores.Hits[new SuspectSpan("src/Shop/Discounts.cs", 16, 16)].Value, 6);
    }

    [Fact]
    public async Task Score_TestNotFound_ScoresNothing()
    {
        using var inputs = await SignalTestInputs.CreateAsync("shop-py");
        var failure = new FailureReproduced("tests/test_cart.py::test_that_does_not_exist", null, null);

        Assert.Empty(ReachSignal.Score(inputs.Input(failures: [failure])).Hits);
    }
}
