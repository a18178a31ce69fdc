using SelfHeal.StackTraces;

namespace SelfHeal.Tests.StackTraces;

public sealed class GoStackTraceParserTests
{
    private readonly GoStackTraceParser _parser = new();

    [Fact]
    public void Parse_IndexOutOfRangePanic_ReadsFunctionAndLocationPairs()
    {
        var trace = Assert.Single(_parser.Parse(TraceFiles.Read("go/index.txt")));

        Assert.Equal("go", trace.Language);
        Assert.Equal("panic", trace.ExceptionType);
        Assert.Equal("runtime error: index out of range [3] with length 3", trace.Message);
        Assert.Equal(
            [
                new StackFrame("example.com/shop/cart.(*Cart).At", "/home/runner/work/shop/shop/cart/cart.go", 5),
                new StackFrame("example.com/shop/cart.Sum", "/home/runner/work/shop/shop/cart/cart.go", 10),
                new StackFrame("main.main", "/home/runner/work/shop/shop/cmd/index/main.go", 7),
            ],
            trace.Frames);
    }

    [Fact]
    public void Parse_NilDereferenceWithSignalLine_ReadsIt()
    {
        var trace = Assert.Single(_parser.Parse(TraceFiles.Read("go/nilmap.txt")));

        Assert.Equal("runtime error: invalid memory address or nil pointer dereference", trace.Message);
        Assert.Equal("example.com/shop/cart.(*Store).Count", trace.Frames[0].Function);
    }

    [Fact]
    public void Parse_RecoveredAndRepanicked_CauseHoldsTheFramesBelowThePanicFrame()
    {
        var trace = Assert.Single(_parser.Parse(TraceFiles.Read("go/recovered.txt")));

        Assert.Equal(["main.run.func1", "panic", "example.com/shop/cart.(*Cart).At", "example.com/shop/cart.Sum", "main.run", "main.main"], trace.Frames.Select(f => f.Function));
        var cause = Assert.IsType<ExceptionTrace>(trace.Cause);
        Assert.Equal("runtime error: index out of range [0] with length 0", cause.Message);
        Assert.Equal(["example.com/shop/cart.(*Cart).At", "example.com/shop/cart.Sum", "main.run", "main.main"], cause.Frames.Select(f => f.Function));
    }

    [Fact]
    public void Parse_RepanickedMarker_IsNotPartOfTheMessage()
    {
        const string text = """
            panic: order 7 not found [recovered, repanicked]

            goroutine 1 [running]:
            main.load(...)
            	/src/main.go:12 +0x25
            """;

        var trace = Assert.Single(_parser.Parse(text));

        Assert.Equal("order 7 not found", trace.Message);
        Assert.Equal(new StackFrame("main.load", "/src/main.go", 12), Assert.Single(trace.Frames));
    }

    [Fact]
    public void Parse_GoroutineWithCreator_ReadsArgumentsOffAndCreatorAsOuterFrame()
    {
        var trace = Assert.Single(_parser.Parse(TraceFiles.Read("go/goroutine.txt")));

        Assert.Equal("queue closed", trace.Message);
        Assert.Equal([new StackFrame("main.worker", "/home/runner/work/shop/shop/cmd/goroutine/main.go", 13), new StackFrame("main.main", "/home/runner/work/shop/shop/cmd/goroutine/main.go", 21)], trace.Frames);
    }

    [Fact]
    public void Parse_NewerRuntimeWithOtherGoroutines_ReadsOnlyTheFailingOne()
    {
        var trace = Assert.Single(_parser.Parse(TraceFiles.Read("go/go121-goroutine.txt")));

        Assert.Equal(3, trace.Frames.Count);
        Assert.Equal("github.com/acme/shop/internal/queue.(*Consumer).Run", trace.Frames[^1].Function);
    }

    [Fact]
    public void Parse_FatalError_IsReadWithItsKind()
    {
        var trace = Assert.Single(_parser.Parse(TraceFiles.Read("go/fatal-concurrent-map.txt")));

        Assert.Equal("fatal error", trace.ExceptionType);
        Assert.Equal("concurrent map writes", trace.Message);
        Assert.Equal("github.com/acme/shop/internal/cache.Warm.func1", trace.Frames[1].Function);
    }

    [Fact]
    public void Parse_GoTestOutput_ReadsTheFailedAssertionAndThePanickingTest()
    {
        var traces = _parser.Parse(TraceFiles.Read("go/gotest.txt"));

        Assert.Equal(2, traces.Count);
        Assert.Equal("test failure", traces[0].ExceptionType);
        Assert.Equal("Sum() = 3, want 4", traces[0].Message);
        Assert.Equal(new StackFrame("TestSum", "cart_test.go", 8), Assert.Single(traces[0].Frames));
        Assert.Equal("panic", traces[1].ExceptionType);
        Assert.Equal("example.com/shop/cart.TestAtPanics", traces[1].Root.Frames[2].Function);
    }

    [Fact]
    public void Parse_GoTestSubtests_ReadsTheSubtestMessageWithItsContinuation()
    {
        var traces = _parser.Parse(TraceFiles.Read("go/gotest-subtests.txt"));

        Assert.Equal(2, traces.Count);
        Assert.Equal(new StackFrame("TestSum", "cart_test.go", 8), Assert.Single(traces[0].Frames));
        Assert.Equal(new StackFrame("TestTable", "cart_test.go", 22), Assert.Single(traces[1].Frames));
        Assert.Equal("Sum(2) = 3, want 4\nitems: [1 2]", traces[1].Message);
    }

    [Fact]
    public void Parse_GoTestVerbose_ReadsMessagesPrintedBeforeTheVerdict()
    {
        var verbose = _parser.Parse(TraceFiles.Read("go/gotest-verbose.txt"));
        var plain = _parser.Parse(TraceFiles.Read("go/gotest-subtests.txt"));

        Assert.Equal(plain.Select(TraceText.Render), verbose.Select(TraceText.Render));
    }

    [Fact]
    public void Parse_GoTestVerboseLogOfAPassingTest_IsNotAFailure()
    {
        const string text = """
            === RUN   TestSum
                cart_test.go:8: computing the sum of 2 items
            --- PASS: TestSum (0.00s)
            PASS
            """;

        Assert.Empty(_parser.Parse(text));
    }

    [Theory]
    [InlineData("dotnet/inner.txt")]
    [InlineData("java/cause.txt")]
    [InlineData("python/context.txt")]
    [InlineData("node/cause.txt")]
    public void Parse_OtherLanguagesTraces_FindsNothing(string file)
    {
        Assert.Empty(_parser.Parse(TraceFiles.Read(file)));
    }
}
