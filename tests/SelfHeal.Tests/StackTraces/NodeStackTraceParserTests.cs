using SelfHeal.StackTraces;

namespace SelfHeal.Tests.StackTraces;

public sealed class NodeStackTraceParserTests
{
    private readonly NodeStackTraceParser _parser = new();

    [Fact]
    public void Parse_UncaughtTypeError_ReadsHeaderBelowTheSourceExcerptAndAllFrames()
    {
        var trace = Assert.Single(_parser.Parse(TraceFiles.Read("node/typeerror.txt")));

        Assert.Equal("node", trace.Language);
        Assert.Equal("TypeError", trace.ExceptionType);
        Assert.Equal("Cannot read properties of undefined (reading 'amount')", trace.Message);
        Assert.Equal(10, trace.Frames.Count);
        Assert.Equal(new StackFrame("", "/app/src/cart.js", 5) { Column = 62 }, trace.Frames[0]);
        Assert.Equal(new StackFrame("Array.reduce", null, null), trace.Frames[1]);
        Assert.Equal(new StackFrame("Cart.total", "/app/src/cart.js", 5) { Column = 23 }, trace.Frames[2]);
        Assert.Equal("Object.<anonymous>", trace.Frames[4].Function);
        Assert.Equal("node:internal/modules/cjs/loader", trace.Frames[5].File);
    }

    [Fact]
    public void Parse_AsyncFrames_DropTheAsyncKeyword()
    {
        var trace = Assert.Single(_parser.Parse(TraceFiles.Read("node/asyncerr.txt")));

        Assert.Equal("SyntaxError", trace.ExceptionType);
        Assert.Equal(new StackFrame("start", "/app/asyncerr.js", 8) { Column = 15 }, trace.Frames[^1]);
        Assert.Equal("/app/node_modules/tinylib/index.js", trace.Frames[1].File);
    }

    [Fact]
    public void Parse_InspectedErrorWithCause_LinksTheCause()
    {
        var trace = Assert.Single(_parser.Parse(TraceFiles.Read("node/cause.txt")));

        Assert.Equal("OrderError", trace.ExceptionType);
        Assert.Equal("order 4711 failed", trace.Message);
        Assert.Equal(["handle", "Object.<anonymous>", ""], trace.Frames.Select(f => f.Function));
        var cause = Assert.IsType<ExceptionTrace>(trace.Cause);
        Assert.Equal("TypeError", cause.ExceptionType);
        Assert.Equal("Cannot read properties of undefined (reading 'status')", cause.Message);
        Assert.Equal(new StackFrame("findOrder", "/app/cause.js", 4) { Column = 24 }, cause.Frames[0]);
        Assert.Equal(9, cause.Frames.Count);
    }

    [Fact]
    public void Parse_EsModuleWithErrorProperties_ReadsFileUrlsAndStopsAtTheBlock()
    {
        var trace = Assert.Single(_parser.Parse(TraceFiles.Read("node/esm.txt")));

        Assert.Equal("Error", trace.ExceptionType);
        Assert.Equal("ENOENT: no such file or directory, open '/nonexistent/data.json'", trace.Message);
        Assert.Equal(new StackFrame("load", "file:///app/esm.mjs", 3) { Column = 10 }, trace.Frames[1]);
        Assert.Equal(8, trace.Frames.Count);
        Assert.Null(trace.Cause);
    }

    [Fact]
    public void Parse_WindowsPathsAndPromiseAll_ReadsThem()
    {
        var trace = Assert.Single(_parser.Parse(TraceFiles.Read("node/windows.txt")));

        Assert.Equal(@"C:\Users\dev\shop\src\cart.js", trace.Frames[2].File);
        Assert.Equal(new StackFrame("Promise.all", null, null), trace.Frames[4]);
        Assert.Equal(new StackFrame("main", "file:///C:/Users/dev/shop/src/checkout.mjs", 21) { Column = 3 }, trace.Frames[5]);
    }

    [Fact]
    public void Parse_MultiLineAssertionMessage_KeepsTheLinesBetweenHeaderAndFrames()
    {
        const string text = """
            node:assert:125
              throw new AssertionError(obj);
              ^

            AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:

            6 !== 7

                at TestContext.<anonymous> (/app/test/cart.test.js:9:10)
                at Test.runInAsyncScope (node:async_hooks:206:9) {
              generatedMessage: true,
              code: 'ERR_ASSERTION',
              actual: 6,
              expected: 7,
              operator: 'strictEqual'
            }
            """;

        var trace = Assert.Single(_parser.Parse(text));

        Assert.Equal("AssertionError", trace.ExceptionType);
        Assert.Equal("Expected values to be strictly equal:\n\n6 !== 7", trace.Message);
        Assert.Equal("TestContext.<anonymous>", trace.Frames[0].Function);
        Assert.Equal(2, trace.Frames.Count);
    }

    [Theory]
    [InlineData("dotnet/inner.txt")]
    [InlineData("java/cause.txt")]
    [InlineData("python/context.txt")]
    public void Parse_OtherLanguagesTraces_FindsNothing(string file)
    {
        Assert.Empty(_parser.Parse(TraceFiles.Read(file)));
    }
}
