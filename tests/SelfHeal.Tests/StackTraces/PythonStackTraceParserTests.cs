using SelfHeal.StackTraces;

namespace SelfHeal.Tests.StackTraces;

public sealed class PythonStackTraceParserTests
{
    private readonly PythonStackTraceParser _parser = new();

    [Fact]
    public void Parse_Traceback_ReturnsFramesInnermostFirst()
    {
        var trace = Assert.Single(_parser.Parse(TraceFiles.Read("python/simple.txt")));

        Assert.Equal("python", trace.Language);
        Assert.Equal("ZeroDivisionError", trace.ExceptionType);
        Assert.Equal("division by zero", trace.Message);
        Assert.Equal(
            [
                new StackFrame("average", "/builds/acme/shop/shop/cart.py", 35),
                new StackFrame("report", "/builds/acme/shop/simple.py", 4),
                new StackFrame("<module>", "/builds/acme/shop/simple.py", 6),
            ],
            trace.Frames);
    }

    [Fact]
    public void Parse_DirectCause_EarlierExceptionIsCauseOfLaterOne()
    {
        var trace = Assert.Single(_parser.Parse(TraceFiles.Read("python/cause.txt")));

        Assert.Equal("shop.cart.PriceLookupError", trace.ExceptionType);
        Assert.Equal("no price for pear-4711", trace.Message);
        Assert.Equal(["price_of", "<genexpr>", "total", "checkout", "main", "<module>"], trace.Frames.Select(f => f.Function));
        var cause = Assert.IsType<ExceptionTrace>(trace.Cause);
        Assert.Equal("KeyError", cause.ExceptionType);
        Assert.Equal("'pear-4711'", cause.Message);
        Assert.Equal(new StackFrame("price_of", "/builds/acme/shop/shop/cart.py", 18), Assert.Single(cause.Frames));
    }

    [Fact]
    public void Parse_DuringHandling_ContextIsCause()
    {
        var trace = Assert.Single(_parser.Parse(TraceFiles.Read("python/context.txt")));

        Assert.Equal("json.decoder.JSONDecodeError", trace.ExceptionType);
        Assert.Equal("/usr/lib/python3.11/json/decoder.py", trace.Frames[0].File);
        Assert.Equal("FileNotFoundError", trace.Root.ExceptionType);
        Assert.Equal("[Errno 2] No such file or directory: '/nonexistent/settings.json'", trace.Root.Message);
    }

    [Fact]
    public void Parse_LibraryChain_ReadsModuleQualifiedTypes()
    {
        var trace = Assert.Single(_parser.Parse(TraceFiles.Read("python/fetch.txt")));

        Assert.Equal("urllib.error.URLError", trace.ExceptionType);
        Assert.Equal("ConnectionRefusedError", trace.Root.ExceptionType);
        Assert.Equal(9, trace.Root.Frames.Count);
        Assert.Equal("fetch_prices", trace.Frames[^2].Function);
    }

    [Fact]
    public void Parse_WindowsRunnerWithSitePackagesAndFrozenFrames_ReadsEveryFrame()
    {
        var trace = Assert.Single(_parser.Parse(TraceFiles.Read("python/windows-site-packages.txt")));

        Assert.Equal("requests.exceptions.HTTPError", trace.ExceptionType);
        Assert.Equal("503 Server Error: Service Unavailable for url: https://prices.example.com/v1/prices?page=3", trace.Message);
        Assert.Equal(new StackFrame("fetch_prices", @"D:\a\shop\shop\shop\client.py", 19), trace.Frames[1]);
        Assert.Equal(new StackFrame("_run_module_as_main", "<frozen runpy>", 198), trace.Frames[^1]);
    }

    [Fact]
    public void Parse_PytestLongFormat_ReadsEachFailureWithChainedCause()
    {
        var traces = _parser.Parse(TraceFiles.Read("python/pytest-long.txt"));

        Assert.Equal(4, traces.Count);
        Assert.Equal("shop.cart.PriceLookupError", traces[0].ExceptionType);
        Assert.Equal("no price for pear", traces[0].Message);
        Assert.Equal(
            [
                new StackFrame("price_of", "shop/cart.py", 20),
                new StackFrame("<genexpr>", "shop/cart.py", 23),
                new StackFrame("total", "shop/cart.py", 23),
                new StackFrame("test_total_with_unknown_sku", "tests/test_cart.py", 7),
            ],
            traces[0].Frames);
        Assert.Equal("KeyError", traces[0].Root.ExceptionType);
        Assert.Equal(new StackFrame("price_of", "shop/cart.py", 18), Assert.Single(traces[0].Root.Frames));

        Assert.Equal(("KeyError", "'x'"), (traces[1].ExceptionType, traces[1].Message));
        Assert.Equal(["average", "test_average_empty"], traces[2].Frames.Select(f => f.Function));
        Assert.Equal("AssertionError", traces[3].ExceptionType);
        Assert.StartsWith("assert 6 == 7\n", traces[3].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PytestShortFormat_ReadsTheSameTracesAsTheLongFormat()
    {
        var longFormat = _parser.Parse(TraceFiles.Read("python/pytest-long.txt"));
        var shortFormat = _parser.Parse(TraceFiles.Read("python/pytest-short.txt"));

        Assert.Equal(Describe(longFormat), Describe(shortFormat));
    }

    [Fact]
    public void Parse_PytestFailureWithNativeTraceback_ReadsTheTraceback()
    {
        const string text = """
            ________________________________ test_total ________________________________
            Traceback (most recent call last):
              File "/src/tests/test_cart.py", line 7, in test_total
                assert cart.total() == 3
            AssertionError: assert 6 == 3
            =========================== short test summary info ============================
            """;

        var trace = Assert.Single(_parser.Parse(text));

        Assert.Equal("AssertionError", trace.ExceptionType);
        Assert.Equal("test_total", Assert.Single(trace.Frames).Function);
    }

    [Fact]
    public void Parse_SyntaxErrorFrameWithoutFunction_ReadsIt()
    {
        const string text = """
            Traceback (most recent call last):
              File "/app/main.py", line 1, in <module>
                import shop.cart
              File "/app/shop/cart.py", line 3
                def total(:
                          ^
            SyntaxError: invalid syntax
            """;

        var trace = Assert.Single(_parser.Parse(text));

        Assert.Equal(new StackFrame("", "/app/shop/cart.py", 3), trace.Frames[0]);
        Assert.Equal("SyntaxError", trace.ExceptionType);
    }

    [Fact]
    public void Parse_TracebackCutOffBeforeTheExceptionLine_FindsNothing()
    {
        const string text = """
            Traceback (most recent call last):
              File "/app/main.py", line 1, in <module>
                main()

            INFO shutting down
            """;

        Assert.Empty(_parser.Parse(text));
    }

    private static IEnumerable<string> Describe(IEnumerable<ExceptionTrace> traces) =>
        traces.SelectMany(t => t.Chain).Select(e => $"{e.ExceptionType}: {string.Join(", ", e.Frames)}");
}
