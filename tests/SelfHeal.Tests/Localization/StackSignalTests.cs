using SelfHeal.Localization;
using SelfHeal.Localization.Signals;
using SelfHeal.Runs;
using SelfHeal.StackTraces;

namespace SelfHeal.Tests.Localization;

public class StackSignalTests
{
    [Fact]
    public async Task Score_ProjectFrames_TopFrameHighestAndDeeperFramesDecay()
    {
        using var inputs = await SignalTestInputs.CreateAsync("shop-cs");
        var trace = SignalTestInputs.Trace(SignalTestInputs.CSharpFailingTest, "System.InvalidOperationException",
            new StackFrame("System.Linq.Enumerable.Sum()", null, null),
            SignalTestInputs.ProjectFrame("Shop.BulkDiscount.DiscountFor(Decimal subtotal, Int32 lines)", "src/Shop/Discounts.cs", 18),
            SignalTestInputs.ProjectFrame("Shop.Cart.Total()", "src/Shop/Cart.cs", 33),
            SignalTestInputs.ProjectFrame("Shop.Tests.CartTests.Total_AtDiscountThreshold_AppliesBulkDiscount()", "tests/Shop.Tests/CartTests.cs", 21));

        var scores = new StackSignal(new LocalizeOptions()).Score(inputs.Input(traces: [trace]));

        var discount = scores.Hits[new SuspectSpan("src/Shop/Discounts.cs", 18, 18)];
        var cart = scores.Hits[new SuspectSpan("src/Shop/Cart.cs", 32, 33)];
        var test = scores.Hits[new SuspectSpan("tests/Shop.Tests/CartTests.cs", 21, 21)];
        Assert.Equal(1.0, discount.Value, 6);
        Assert.Equal(0.6, cart.Value, 6);
        Assert.Equal(0.36, test.Value, 6);
        Assert.Equal(0, discount.StackRank);
        Assert.Contains("frame #1 of System.InvalidOperationException in Shop.BulkDiscount.DiscountFor", discount.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Score_TestFrameAboveCode_CodeFrameStillRanksAsTop()
    {
        using var inputs = await SignalTestInputs.CreateAsync("shop-cs");
        var trace = SignalTestInputs.Trace("log", "System.Exception",
            SignalTestInputs.ProjectFrame("Shop.Tests.CartTests.Arrange()", "tests/Shop.Tests/CartTests.cs", 13),
            SignalTestInputs.ProjectFrame("Shop.Cart.Add()", "src/Shop/Cart.cs", 24));

        var scores = new StackSignal(new LocalizeOptions()).Score(inputs.Input(traces: [trace]));

        Assert.Equal(1.0, scores.Hits[new SuspectSpan("src/Shop/Cart.cs", 24, 24)].Value, 6);
        Assert.Equal(1.0, scores.Hits[new SuspectSpan("tests/Shop.Tests/CartTests.cs", 13, 13)].Value, 6);
    }

    [Fact]
    public async Task Score_NoParsedTrace_ReadsDotnetFramesFromTheFailure()
    {
        using var inputs = await SignalTestInputs.CreateAsync("shop-cs");
        const string stackTrace = """
               at Shop.Cart.Add(String sku, Int32 quantity, Decimal unitPrice) in /home/ci/work/src/Shop/Cart.cs:line 24
               at Shop.Tests.CartTests.Total_WithoutDiscount_SumsLines() in /home/ci/work/tests/Shop.Tests/CartTests.cs:line 12
               at System.RuntimeMethodHandle.InvokeMethod(Object target, Void** arguments, Signature sig, Boolean isConstructor)
            """;
        var failure = new FailureReproduced("Shop.Tests.CartTests.Total_WithoutDiscount_SumsLines", "System.ArgumentOutOfRangeException : quantity", stackTrace);

        var scores = new StackSignal(new LocalizeOptions()).Score(inputs.Input(failures: [failure]));

        var top = scores.Hits.MaxBy(h => h.Value.Value);
        Assert.Equal(new SuspectSpan("src/Shop/Cart.cs", 24, 24), top.Key);
        Assert.True(scores.Hits.ContainsKey(new SuspectSpan("tests/Shop.Tests/CartTests.cs", 12, 12)));
    }

    [Fact]
    public async Task Score_NoParsedTrace_ReadsPythonTracebackInnermostLast()
    {
        using var inputs = await SignalTestInputs.CreateAsync("shop-py");
        const string traceback = """
            Traceback (most recent call last):
              File "/tmp/x/tests/test_cart.py", line 13, in test_total_at_threshold_applies_discount
                assert cart.total() == 90.0
              File "/tmp/x/shop/cart.py", line 26, in subtotal
                return sum(l.quantity * l.unit_price for l in self.lines)
            TypeError: unsupported operand type(s)
            """;
        var failure = new FailureReproduced(SignalTestInputs.PythonFailingTest, "TypeError", traceback);

        var scores = new StackSignal(new LocalizeOptions()).Score(inputs.Input(failures: [failure]));

        Assert.Equal(1.0, scores.Hits[new SuspectSpan("shop/cart.py", 26, 26)].Value, 6);
        Assert.Equal(0, scores.Hits[new SuspectSpan("shop/cart.py", 26, 26)].StackRank);
    }

    [Fact]
    public async Task Score_CrashLine_SharesWithTheLastAssignmentOfAVariableItUses()
    {
        using var inputs = await SignalTestInputs.CreateAsync("shop-py");
        var trace = SignalTestInputs.Trace(SignalTestInputs.PythonFailingTest, "TypeError",
            SignalTestInputs.ProjectFrame("total", "shop/cart.py", 32));

        var scores = new StackSignal(new LocalizeOptions()).Score(inputs.Input(traces: [trace]));

        var assignment = scores.Hits[new SuspectSpan("shop/cart.py", 29, 29)];
        Assert.Equal(StackSignal.DefinitionShare, assignment.Value, 6);
        Assert.Equal("assigns subtotal, used on line 32 (frame #1 of TypeError)", assignment.Detail);
        Assert.Null(assignment.StackRank);
        Assert.Equal(2, scores.Hits.Count);
    }
}
