using SelfHeal.StackTraces;

namespace SelfHeal.Tests.StackTraces;

public sealed class ExceptionTraceTests
{
    [Fact]
    public void ToString_TraceWithCause_PrintsTheChainWithoutRecursingThroughRoot()
    {
        var cause = new ExceptionTrace("python", "KeyError", "'x'", [new StackFrame("price_of", "shop/cart.py", 18)]);
        var trace = new ExceptionTrace("python", "shop.cart.PriceLookupError", "no price", []) { Cause = cause };

        var text = trace.ToString();

        Assert.Contains("ExceptionType = shop.cart.PriceLookupError", text, StringComparison.Ordinal);
        Assert.Contains("Cause = ExceptionTrace { Language = python, ExceptionType = KeyError, Message = 'x', Frames = 1, Cause =  }", text, StringComparison.Ordinal);
    }

    [Fact]
    public void RootAndChain_ThreeLevels_AreInnermostAndOutermostFirst()
    {
        var root = new ExceptionTrace("java", "C", "", []);
        var trace = new ExceptionTrace("java", "A", "", []) { Cause = new ExceptionTrace("java", "B", "", []) { Cause = root } };

        Assert.Same(root, trace.Root);
        Assert.Equal(["A", "B", "C"], trace.Chain.Select(e => e.ExceptionType));
    }
}
