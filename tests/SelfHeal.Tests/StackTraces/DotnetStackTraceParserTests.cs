using SelfHeal.StackTraces;

namespace SelfHeal.Tests.StackTraces;

public sealed class DotnetStackTraceParserTests
{
    private readonly DotnetStackTraceParser _parser = new();

    [Fact]
    public void Parse_UnhandledAsyncException_ReadsHeaderAndFramesWithFiles()
    {
        var trace = Assert.Single(_parser.Parse(TraceFiles.Read("dotnet/nre.txt")));

        Assert.Equal("dotnet", trace.Language);
        Assert.Equal("System.NullReferenceException", trace.ExceptionType);
        Assert.Equal("Object reference not set to an instance of an object.", trace.Message);
        Assert.Equal(
            ["Shop.Orders.OrderService.DescribeAsync", "Program.<Main>$", "Program.<Main>"],
            trace.Frames.Select(f => f.Function));
        Assert.Equal(new StackFrame("Shop.Orders.OrderService.DescribeAsync", "/home/runner/work/shop/shop/src/App/Orders/OrderService.cs", 20), trace.Frames[0]);
        Assert.Null(trace.Frames[2].File);
        Assert.Null(trace.Cause);
    }

    [Fact]
    public void Parse_InnerException_BecomesCauseWithItsOwnFrames()
    {
        var trace = Assert.Single(_parser.Parse(TraceFiles.Read("dotnet/inner.txt")));

        Assert.Equal("System.InvalidOperationException", trace.ExceptionType);
        Assert.Equal("Order 4711 could not be loaded", trace.Message);
        Assert.Equal(["Shop.Orders.OrderService.CountLinesAsync", "Program.<Main>$", "Program.<Main>"], trace.Frames.Select(f => f.Function));
        var cause = Assert.IsType<ExceptionTrace>(trace.Cause);
        Assert.Equal("System.Collections.Generic.KeyNotFoundException", cause.ExceptionType);
        Assert.Equal("The given key '4711' was not present in the dictionary.", cause.Message);
        Assert.Equal(
            ["System.Collections.Generic.Dictionary`2.get_Item", "Shop.Orders.OrderRepository.FindAsync", "Shop.Orders.OrderService.CountLinesAsync"],
            cause.Frames.Select(f => f.Function));
        Assert.Same(cause, trace.Root);
    }

    [Fact]
    public void Parse_LegacyAsyncStateMachineFrames_AreNamedAfterTheirMethodAndBoundariesSkipped()
    {
        var trace = Assert.Single(_parser.Parse(TraceFiles.Read("dotnet/netfx-async-windows.txt")));

        Assert.Equal("System.Net.Http.HttpRequestException", trace.ExceptionType);
        Assert.Equal(9, trace.Frames.Count);
        Assert.Equal(new StackFrame("Shop.Pricing.PriceClient.FetchAsync", @"D:\a\shop\shop\src\Shop\Pricing\PriceClient.cs", 57), trace.Frames[1]);
        Assert.Equal("Shop.Pricing.PriceRefresher.<>c__DisplayClass7_0.<RefreshAllAsync>b__1", trace.Frames[5].Function);
        Assert.Equal("Shop.Pricing.PriceRefresher.RefreshAllAsync", trace.Frames[^1].Function);
        Assert.DoesNotContain(trace.Frames, f => f.Function.Contains("MoveNext", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_AsyncLambdasAndEdiBoundaries_KeepsEveryFrame()
    {
        var trace = Assert.Single(_parser.Parse(TraceFiles.Read("dotnet/asynclambda.txt")));

        Assert.Equal(
            ["Shop.Orders.OrderService.DescribeAsync", "Program.<>c__DisplayClass0_0.<<Main>$>b__2", "Program.<>c__DisplayClass0_1.<<Main>$>b__3", "Program.<Main>$", "Program.<Main>"],
            trace.Frames.Select(f => f.Function));
    }

    [Fact]
    public void Parse_MultiLineMessage_KeepsAllItsLines()
    {
        var trace = Assert.Single(_parser.Parse(TraceFiles.Read("dotnet/multiline.txt")));

        Assert.Equal("System.FormatException", trace.ExceptionType);
        Assert.Equal("Invalid order file:\n  line 3: missing customer\n  line 9: negative quantity", trace.Message);
        Assert.Equal(2, trace.Frames.Count);
    }

    [Fact]
    public void Parse_AggregateException_FirstInnerIsCauseAndLaterInnersAreTracesOfTheirOwn()
    {
        var traces = _parser.Parse(TraceFiles.Read("dotnet/aggregate.txt"));

        Assert.Equal(2, traces.Count);
        Assert.Equal("System.AggregateException", traces[0].ExceptionType);
        Assert.Equal("System.NullReferenceException", traces[0].Root.ExceptionType);
        Assert.Equal("Shop.Orders.OrderService.DescribeAsync", Assert.Single(traces[0].Root.Frames).Function);
        Assert.Equal("System.Threading.Tasks.Task.WaitAllCore", traces[0].Frames[0].Function);
        Assert.Equal("System.InvalidOperationException", traces[1].ExceptionType);
        Assert.Equal("System.Collections.Generic.KeyNotFoundException", traces[1].Root.ExceptionType);
        Assert.Equal(32, traces[1].Frames[^1].Line);
    }

    [Fact]
    public void Parse_LoggedExceptionWithThreadPoolBoundaries_ReadsPastTheLoggerLines()
    {
        var trace = Assert.Single(_parser.Parse(TraceFiles.Read("dotnet/taskrun.txt")));

        Assert.Equal("System.FormatException", trace.ExceptionType);
        Assert.Equal("The input string '1x2' was not in a correct format.", trace.Message);
        Assert.Equal("System.Number.ThrowFormatException[TChar]", trace.Frames[0].Function);
        Assert.Equal("Program.<Main>$", trace.Frames[^1].Function);
        Assert.Equal(10, trace.Frames.Count);
    }

    [Fact]
    public void Parse_ReleaseBuildWithoutSymbols_FramesHaveNoFile()
    {
        var trace = Assert.Single(_parser.Parse(TraceFiles.Read("dotnet/release-no-pdb.txt")));

        Assert.All(trace.Chain.SelectMany(e => e.Frames), f => Assert.Null(f.File));
        Assert.Equal("Shop.Orders.OrderRepository.FindAsync", trace.Root.Frames[1].Function);
    }

    [Fact]
    public void Parse_VsTestFailures_ReadsAssertionsAndExceptionsWithXunitInnerTraces()
    {
        var traces = _parser.Parse(TraceFiles.Read("dotnet/dotnet-test-xunit.txt"));

        Assert.Equal(3, traces.Count);
        Assert.Equal("Xunit.Sdk.EqualException", traces[0].ExceptionType);
        Assert.Equal("Assert.Equal() Failure: Values differ\nExpected: 3\nActual:   2", traces[0].Message);
        Assert.Equal(new StackFrame("Shop.Tests.OrderServiceTests.First_Match_ReturnsIt", "/home/runner/work/shop/shop/src/Shop.Tests/OrderServiceTests.cs", 25), traces[0].Frames[0]);

        Assert.Equal("System.InvalidOperationException", traces[1].ExceptionType);
        Assert.Equal("Order 77 could not be loaded", traces[1].Message);
        Assert.Equal(["Shop.Orders.OrderService.CountLinesAsync", "Shop.Tests.OrderServiceTests.CountLinesAsync_UnknownOrder_ReturnsZero"], traces[1].Frames.Select(f => f.Function));
        var cause = Assert.IsType<ExceptionTrace>(traces[1].Cause);
        Assert.Equal("System.Collections.Generic.KeyNotFoundException", cause.ExceptionType);
        Assert.Equal(3, cause.Frames.Count);

        Assert.Equal("System.NullReferenceException", traces[2].ExceptionType);
    }

    [Fact]
    public void Parse_XunitDetailedOutput_ReadsPrefixedBlocksAndFileLineFrames()
    {
        var traces = _parser.Parse(TraceFiles.Read("dotnet/dotnet-test-detailed.txt"));

        // The [xUnit.net] blocks, then the same three failures in VSTest's summary.
        Assert.Equal(6, traces.Count);
        Assert.Equal(new StackFrame("Shop.Orders.OrderService.CountLinesAsync", "/home/runner/work/shop/shop/src/App/Orders/OrderService.cs", 32), traces[1].Frames[0]);
        Assert.Equal(new StackFrame("Shop.Orders.OrderRepository.FindAsync", "/home/runner/work/shop/shop/src/App/Orders/OrderService.cs", 11), traces[1].Root.Frames[1]);
        Assert.Equal(traces.Take(3).Select(Fingerprint.Compute), traces.Skip(3).Select(Fingerprint.Compute));
    }

    [Fact]
    public void Parse_ExternalExceptionsWithErrorCodes_ReadsTypeAndMessage()
    {
        var http = Assert.Single(_parser.Parse(TraceFiles.Read("dotnet/http.txt")));
        var process = Assert.Single(_parser.Parse(TraceFiles.Read("dotnet/process.txt")));

        Assert.Equal("System.Net.Http.HttpRequestException", http.ExceptionType);
        Assert.Equal("System.Net.Sockets.SocketException", http.Root.ExceptionType);
        Assert.Equal("Connection refused", http.Root.Message);
        Assert.Equal(21, http.Root.Frames.Count);
        Assert.Equal("System.Net.Http.SocketsHttpHandler.<SendAsync>g__CreateHandlerAndSendAsync|115_0", http.Frames[7].Function);
        Assert.Equal("System.ComponentModel.Win32Exception", process.ExceptionType);
        Assert.StartsWith("An error occurred trying to start process 'no-such-tool-4711'", process.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NetFrameworkOneLineInnerHeader_SplitsTheChain()
    {
        const string text = """
            System.InvalidOperationException: Import failed ---> System.IO.FileNotFoundException: Could not find file 'C:\data\prices.csv'.
               at System.IO.__Error.WinIOError(Int32 errorCode, String maybeFullPath)
               at Shop.Import.CsvReader.Open(String path) in C:\src\shop\Shop\Import\CsvReader.cs:line 18
               --- End of inner exception stack trace ---
               at Shop.Import.Importer.Run() in C:\src\shop\Shop\Import\Importer.cs:line 40
            """;

        var trace = Assert.Single(_parser.Parse(text));

        Assert.Equal("System.InvalidOperationException", trace.ExceptionType);
        Assert.Equal("Import failed", trace.Message);
        Assert.Equal("Shop.Import.Importer.Run", Assert.Single(trace.Frames).Function);
        Assert.Equal("System.IO.FileNotFoundException", trace.Root.ExceptionType);
        Assert.Equal(18, trace.Root.Frames[1].Line);
    }

    [Fact]
    public void Parse_FramesWithoutHeader_GiveATraceWithEmptyType()
    {
        const string text = """
               at Shop.Cart.Total() in /src/Shop/Cart.cs:line 12
               at Shop.Tests.CartTests.Total_Empty_IsZero() in /src/Shop.Tests/CartTests.cs:line 9
            """;

        var trace = Assert.Single(_parser.Parse(text));

        Assert.Equal("", trace.ExceptionType);
        Assert.Equal(2, trace.Frames.Count);
    }

    [Fact]
    public void Parse_WindowsLineEndings_ReadsTheSameTrace()
    {
        var unix = TraceFiles.Read("dotnet/inner.txt");

        var windows = _parser.Parse(unix.ReplaceLineEndings("\r\n"));

        Assert.Equal(_parser.Parse(unix).Select(TraceText.Render), windows.Select(TraceText.Render));
    }

    [Theory]
    [InlineData("java/cause.txt")]
    [InlineData("python/cause.txt")]
    [InlineData("node/typeerror.txt")]
    [InlineData("go/recovered.txt")]
    public void Parse_OtherLanguagesTraces_FindsNothing(string file)
    {
        Assert.Empty(_parser.Parse(TraceFiles.Read(file)));
    }
}
