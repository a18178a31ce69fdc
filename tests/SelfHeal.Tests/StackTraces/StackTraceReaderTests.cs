using System.Text;
using SelfHeal.StackTraces;

namespace SelfHeal.Tests.StackTraces;

public sealed class StackTraceReaderTests
{
    private readonly StackTraceReader _reader = StackTraceReader.CreateDefault();

    [Fact]
    public void Excerpts_TraceInsideProse_ReturnsOnlyTheTraceLines()
    {
        var text = """
            Hi team,

            checkout crashed again this morning:

            System.NullReferenceException: Object reference not set to an instance of an object.
               at Shop.Cart.Total() in /src/Shop/Cart.cs:line 42
               at Shop.Checkout.Pay() in /src/Shop/Checkout.cs:line 17

            Thanks, Alice
            """;

        var excerpt = Assert.Single(_reader.Excerpts(text));

        Assert.Equal("""
            System.NullReferenceException: Object reference not set to an instance of an object.
               at Shop.Cart.Total() in /src/Shop/Cart.cs:line 42
               at Shop.Checkout.Pay() in /src/Shop/Checkout.cs:line 17
            """.ReplaceLineEndings("\n"), excerpt);
    }

    [Fact]
    public void Excerpts_NoTrace_IsEmpty() => Assert.Empty(_reader.Excerpts("The checkout page is slow since Monday."));

    [Theory]
    [InlineData("dotnet")]
    [InlineData("python")]
    [InlineData("java")]
    [InlineData("node")]
    [InlineData("go")]
    public void Read_GoldenFilesOfOneLanguage_FindsOnlyThatLanguage(string language)
    {
        foreach (var file in TraceFiles.All().Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == language))
        {
            var traces = _reader.Read(File.ReadAllText(file));

            Assert.True(traces.Count > 0, $"no trace in {file}");
            Assert.All(traces, t => Assert.Equal(language, t.Language));
            Assert.All(traces, t => Assert.NotEmpty(t.Chain.SelectMany(e => e.Frames)));
        }
    }

    [Fact]
    public void Read_GitHubActionsRawLog_ReturnsEveryLanguageInTextOrder()
    {
        var traces = _reader.Read(TraceFiles.Read("mixed/github-actions-raw.txt"));

        Assert.Equal(["python", "node", "dotnet", "java", "go"], traces.Select(t => t.Language));
        Assert.Equal(["ZeroDivisionError", "TypeError", "System.InvalidOperationException", "java.lang.NullPointerException", "panic"], traces.Select(t => t.ExceptionType));
        Assert.Equal(new StackFrame("average", "/builds/acme/shop/shop/cart.py", 35), traces[0].Frames[0]);
        Assert.Equal("System.Collections.Generic.KeyNotFoundException", traces[2].Root.ExceptionType);
    }

    [Fact]
    public void Read_DockerComposeAndPodPrefixes_AreReadThrough()
    {
        var python = string.Join('\n', TraceFiles.Read("python/simple.txt").Split('\n').Select(l => "[pod/shop-7d9f/app] " + l));
        var node = string.Join('\n', TraceFiles.Read("node/unhandled.txt").Split('\n').Select(l => "web-1  | " + l));

        var traces = _reader.Read(python + "\n" + node);

        Assert.Equal(["ZeroDivisionError", "TypeError"], traces.Select(t => t.ExceptionType));
        Assert.Equal(3, traces[0].Frames.Count);
        Assert.Equal(new StackFrame("main", "/app/unhandled.js", 4) { Column = 15 }, Assert.Single(traces[1].Frames));
    }

    [Fact]
    public void Read_TerminalColours_AreIgnored()
    {
        const string text = "\u001b[1m\u001b[31mSystem.InvalidOperationException: Order 7 could not be loaded\u001b[0m\n"
            + "   at Shop.Orders.OrderService.CountLinesAsync(Int32 id) in /src/Shop/Orders/OrderService.cs:line 32\u001b[0m\n";

        var trace = Assert.Single(_reader.Read(text));

        Assert.Equal("Order 7 could not be loaded", trace.Message);
        Assert.Equal(32, trace.Frames[0].Line);
    }

    [Fact]
    public void Read_SameTextAsSeparateFiles_MatchesEachParserOnItsOwn()
    {
        var dotnet = TraceFiles.Read("dotnet/inner.txt");
        var java = TraceFiles.Read("java/cause.txt");

        var traces = _reader.Read(dotnet + "\n" + java);

        var expected = new DotnetStackTraceParser().Parse(dotnet).Concat(new JavaStackTraceParser().Parse(java));
        Assert.Equal(expected.Select(TraceText.Render), traces.Select(TraceText.Render));
    }

    [Fact]
    public void Read_OverlappingClaims_KeepsTheReadingWithMoreFramesInTextOrder()
    {
        var weak = new FixedParser("weak", (1, 4, 1), (10, 12, 5));
        var strong = new FixedParser("strong", (3, 6, 3), (20, 21, 1));
        var reader = new StackTraceReader([weak, strong]);

        var traces = reader.Read(string.Join('\n', Enumerable.Range(0, 30).Select(i => $"line {i}")));

        Assert.Equal(["strong@3", "weak@10", "strong@20"], traces.Select(t => t.Message));
    }

    [Fact]
    public void Read_ParserThatDoesNotReportLines_IsPlacedWhereItsTypeAppears()
    {
        var custom = new PlainParser(new ExceptionTrace("ruby", "NoMethodError", "undefined method", [new StackFrame("Cart#total", "app/cart.rb", 3)]));
        var reader = new StackTraceReader([custom, .. StackTraceReader.DefaultParsers()]);
        var text = TraceFiles.Read("python/simple.txt") + "\napp/cart.rb:3:in `total': undefined method (NoMethodError)\n";

        var traces = reader.Read(text);

        Assert.Equal(["python", "ruby"], traces.Select(t => t.Language));
    }

    [Fact]
    public void Read_HundredThousandLineLogWithOneTraceInTheMiddle_FindsIt()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 50_000; i++)
        {
            text.Append("2024-03-02 09:14:07.118 INFO  [worker-").Append(i % 8).Append("] processed order ").Append(i).Append(" at /app/src/orders.js in 3 ms\n");
        }
        text.Append(TraceFiles.Read("java/cause.txt"));
        for (var i = 0; i < 50_000; i++)
        {
            text.Append("  at batch ").Append(i).Append(": ok (File \"report.csv\", line ").Append(i).Append(")\n");
        }

        var trace = Assert.Single(_reader.Read(text.ToString()));

        Assert.Equal("com.acme.App$CheckoutException", trace.ExceptionType);
        Assert.Equal("java.lang.NullPointerException", trace.Root.ExceptionType);
    }

    [Fact]
    public void Read_TextLargerThanTheScanLimit_StillFindsATraceAtItsEnd()
    {
        var noise = new string('x', 1023) + "\n";
        var text = string.Concat(Enumerable.Repeat(noise, 20 * 1024)) + TraceFiles.Read("go/index.txt");

        var trace = Assert.Single(_reader.Read(text));

        Assert.Equal("go", trace.Language);
    }

    [Fact]
    public void Read_FromManyThreadsAtOnce_GivesEveryThreadTheSameTraces()
    {
        var text = TraceFiles.Read("mixed/github-actions-raw.txt");
        var expected = _reader.Read(text).Select(TraceText.Render).ToList();
        var results = new string[16][];

        Parallel.For(0, results.Length, i => results[i] = [.. _reader.Read(text).Select(TraceText.Render)]);

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void Read_MoreLinesThanTheScanLimit_StillFindsTracesAtBothEnds()
    {
        var text = TraceFiles.Read("python/simple.txt") + "\n" + string.Concat(Enumerable.Repeat("ok\n", 1_000_000)) + TraceFiles.Read("node/unhandled.txt");

        var traces = _reader.Read(text);

        Assert.Equal(["python", "node"], traces.Select(t => t.Language));
    }

    [Fact]
    public void Read_BinaryGarbage_ReturnsNothing()
    {
        var random = new Random(42);
        var bytes = new byte[2 * 1024 * 1024];
        random.NextBytes(bytes);

        Assert.Empty(_reader.Read(Encoding.Latin1.GetString(bytes)));
        Assert.Empty(_reader.Read(Encoding.UTF8.GetString(bytes)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("\n\n\r\n")]
    [InlineData("at")]
    [InlineData("Traceback (most recent call last):")]
    [InlineData("panic: \ngoroutine 1 [running]:")]
    [InlineData("System.Exception: boom\n   at")]
    [InlineData("Caused by: \n\t... 3 more")]
    [InlineData("    at  (:1:2) {\n  [cause]: Error: x\n")]
    public void Read_EmptyOrTruncatedText_ReturnsNothing(string? text)
    {
        Assert.Empty(_reader.Read(text));
    }

    [Fact]
    public void Read_PathologicalLines_CompletesWithoutThrowing()
    {
        string[] lines =
        [
            "at " + string.Concat(Enumerable.Repeat("a(", 5000)),
            "   at " + new string('a', 10_000) + "(" + new string(' ', 10_000),
            string.Concat(Enumerable.Repeat("a.", 5000)) + "Exceptio: x",
            string.Concat(Enumerable.Repeat("Ab.", 3000)),
            "  File \"" + new string('"', 8000),
            "panic: " + new string('[', 8000),
            string.Concat(Enumerable.Repeat(" ---> System.X", 2000)),
            "\tat " + string.Concat(Enumerable.Repeat("x.y", 3000)) + "(" + new string(':', 3000),
            "____ " + new string('_', 8000),
            string.Concat(Enumerable.Repeat("Traceback (most recent call last):\n  File \"x.py\", line 1, in f\n", 5000)),
            string.Concat(Enumerable.Repeat("    at f (/a.js:1:1) {\n  [cause]: Error: x\n", 2000)),
        ];

        foreach (var line in lines)
        {
            _ = _reader.Read(line);
            _ = _reader.Read(string.Join('\n', Enumerable.Repeat(line, 3)));
        }
    }

    /// <summary>Claims fixed line spans, one trace per span; the frame count says how strong the claim is.</summary>
    private sealed class FixedParser(string name, params (int Start, int End, int Frames)[] spans) : ILocatingStackTraceParser
    {
        public string Language => name;

        public IReadOnlyList<ExceptionTrace> Parse(string text) => TraceParsing.Traces(Parse(TextLines.From(text)));

        public IReadOnlyList<LocatedTrace> Parse(TextLines lines) =>
        [
            .. spans.Select(s => new LocatedTrace(
                new ExceptionTrace(name, "E", $"{name}@{s.Start}", [.. Enumerable.Range(0, s.Frames).Select(i => new StackFrame($"f{i}", null, null))]),
                s.Start,
                s.End)),
        ];
    }

    /// <summary>A third-party parser: only the public interface.</summary>
    private sealed class PlainParser(ExceptionTrace trace) : IStackTraceParser
    {
        public string Language => trace.Language;

        public IReadOnlyList<ExceptionTrace> Parse(string text) => text.Contains(trace.ExceptionType, StringComparison.Ordinal) ? [trace] : [];
    }
}
