using SelfHeal.StackTraces;

namespace SelfHeal.Tests.StackTraces;

public sealed class JavaStackTraceParserTests
{
    private readonly JavaStackTraceParser _parser = new();

    [Fact]
    public void Parse_ExceptionInThreadMain_ReadsTypeMessageAndFrames()
    {
        var trace = Assert.Single(_parser.Parse(TraceFiles.Read("java/npe.txt")));

        Assert.Equal("java", trace.Language);
        Assert.Equal("java.lang.NullPointerException", trace.ExceptionType);
        Assert.StartsWith("Cannot invoke \"java.lang.Integer.intValue()\"", trace.Message, StringComparison.Ordinal);
        Assert.Equal([new StackFrame("com.acme.Cart.total", "Cart.java", 14), new StackFrame("com.acme.App.main", "App.java", 27)], trace.Frames);
    }

    [Fact]
    public void Parse_CausedBy_LinksCauseAndFillsItsElidedFramesFromTheEnclosingTrace()
    {
        var trace = Assert.Single(_parser.Parse(TraceFiles.Read("java/cause.txt")));

        Assert.Equal("com.acme.App$CheckoutException", trace.ExceptionType);
        Assert.Equal("checkout failed for cart 42", trace.Message);
        Assert.Equal("com.acme.App.lambda$main$0", trace.Frames[1].Function);
        var cause = Assert.IsType<ExceptionTrace>(trace.Cause);
        Assert.Equal("java.lang.NullPointerException", cause.ExceptionType);
        Assert.Equal(
            ["com.acme.Cart.total", "com.acme.App.checkout", "com.acme.App.lambda$main$0", "com.acme.App.main"],
            cause.Frames.Select(f => f.Function));
    }

    [Fact]
    public void Parse_NativeMethodUnknownSourceAndDoubleCause_ReadsAllThree()
    {
        var trace = Assert.Single(_parser.Parse(TraceFiles.Read("java/reflect.txt")));

        Assert.Equal(["java.lang.RuntimeException", "java.lang.reflect.InvocationTargetException", "java.lang.ArithmeticException"], trace.Chain.Select(e => e.ExceptionType));
        Assert.Equal("", trace.Cause!.Message);
        Assert.Equal(new StackFrame("jdk.internal.reflect.NativeMethodAccessorImpl.invoke0", null, null), trace.Cause.Frames[0]);
        Assert.Equal(new StackFrame("com.acme.billing.Invoice.ratio", null, null), trace.Root.Frames[0]);
        Assert.Equal(6, trace.Root.Frames.Count);
    }

    [Fact]
    public void Parse_Suppressed_IsReadPastWithoutMixingItsFrames()
    {
        var trace = Assert.Single(_parser.Parse(TraceFiles.Read("java/suppressed.txt")));

        Assert.Equal("java.lang.NumberFormatException", trace.ExceptionType);
        Assert.Equal(4, trace.Frames.Count);
        Assert.DoesNotContain(trace.Frames, f => f.Function == "com.acme.App$Res.close");
        Assert.Null(trace.Cause);
    }

    [Fact]
    public void Parse_SuppressedWithItsOwnCauseThenMainCause_OnlyTheMainCauseIsLinked()
    {
        const string text = "Exception in thread \"main\" java.lang.Exception: main failure\n"
            + "\tat com.acme.Main.run(Main.java:5)\n"
            + "\tSuppressed: java.lang.IllegalStateException: close failed\n"
            + "\t\tat com.acme.Res.close(Res.java:12)\n"
            + "\tCaused by: java.lang.RuntimeException: inner of suppressed\n"
            + "\t\tat com.acme.Res.flush(Res.java:20)\n"
            + "\t\t... 2 more\n"
            + "Caused by: java.io.IOException: disk full\n"
            + "\tat com.acme.Store.write(Store.java:40)\n"
            + "\t... 1 more\n";

        var trace = Assert.Single(_parser.Parse(text));

        Assert.Equal(["java.lang.Exception", "java.io.IOException"], trace.Chain.Select(e => e.ExceptionType));
        Assert.Equal(["com.acme.Main.run"], trace.Frames.Select(f => f.Function));
        Assert.Equal(["com.acme.Store.write", "com.acme.Main.run"], trace.Root.Frames.Select(f => f.Function));
    }

    [Fact]
    public void Parse_OtherThreadAndStreams_ReadsModulePrefixedFrames()
    {
        var thread = Assert.Single(_parser.Parse(TraceFiles.Read("java/thread.txt")));
        var stream = Assert.Single(_parser.Parse(TraceFiles.Read("java/stream.txt")));

        Assert.Equal("java.lang.IndexOutOfBoundsException", thread.ExceptionType);
        Assert.Equal("java.util.ImmutableCollections$AbstractImmutableList.outOfBounds", thread.Frames[0].Function);
        Assert.Equal(12, stream.Frames.Count);
        Assert.Equal(new StackFrame("com.acme.App.main", "App.java", 48), stream.Frames[^1]);
    }

    [Fact]
    public void Parse_LogbackLine_ReadsJarSuffixesLoaderPrefixesAndKotlinFiles()
    {
        var trace = Assert.Single(_parser.Parse(TraceFiles.Read("java/logback-spring.txt")));

        Assert.Equal("java.lang.IllegalStateException", trace.ExceptionType);
        Assert.Equal("Cart 8812 has no owner", trace.Message);
        Assert.Equal(new StackFrame("com.acme.shop.cart.CartService.checkout", "CartService.kt", 57), trace.Frames[0]);
        Assert.Equal(new StackFrame("com.acme.shop.web.AuditFilter.doFilterInternal", "AuditFilter.java", 41), trace.Frames[5]);
        Assert.Equal(7, trace.Frames.Count);
    }

    [Theory]
    [InlineData("dotnet/inner.txt")]
    [InlineData("python/cause.txt")]
    [InlineData("node/cause.txt")]
    public void Parse_OtherLanguagesTraces_FindsNothing(string file)
    {
        Assert.Empty(_parser.Parse(TraceFiles.Read(file)));
    }
}
