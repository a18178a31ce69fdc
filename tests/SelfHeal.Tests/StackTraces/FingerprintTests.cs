using System.Text.RegularExpressions;
using SelfHeal.StackTraces;

namespace SelfHeal.Tests.StackTraces;

public sealed partial class FingerprintTests
{
    private static readonly StackTraceReader Reader = StackTraceReader.CreateDefault();

    private static readonly FrameMapper DotnetRepo = new(["src/Shop/Pricing/PriceClient.cs", "src/Shop/Pricing/PriceRefresher.cs", "src/App/Program.cs", "src/App/Orders/OrderService.cs"]);
    private static readonly FrameMapper PythonRepo = new(["shop/__init__.py", "shop/cart.py", "cause.py", "simple.py", "tests/test_cart.py"]);
    private static readonly FrameMapper JavaRepo = new(["src/main/java/com/acme/App.java", "src/main/java/com/acme/Cart.java"]);
    private static readonly FrameMapper GoRepo = new(["cart/cart.go", "cmd/index/main.go", "cmd/nilmap/main.go"]);

    [Fact]
    public void Compute_IsSixteenLowercaseHexDigitsAndDeterministic()
    {
        var trace = Map(PythonRepo, "python/simple.txt");

        var fingerprint = Fingerprint.Compute(trace);

        Assert.Matches(HexRegex(), fingerprint);
        Assert.Equal(fingerprint, Fingerprint.Compute(Map(PythonRepo, "python/simple.txt")));
    }

    [Fact]
    public void Describe_MappedTrace_IsRootTypeAndTopThreeProjectFrames()
    {
        Assert.Equal("python|ZeroDivisionError|shop/cart.py:average|simple.py:report|simple.py:<module>", Fingerprint.Describe(Map(PythonRepo, "python/simple.txt")));
        Assert.Equal(
            "dotnet|System.Collections.Generic.KeyNotFoundException|src/App/Orders/OrderService.cs:Shop.Orders.OrderRepository.FindAsync|src/App/Orders/OrderService.cs:Shop.Orders.OrderService.CountLinesAsync",
            Fingerprint.Describe(Map(DotnetRepo, "dotnet/inner.txt")));
    }

    [Fact]
    public void Compute_SameBugOnAnotherRuntimeMachineAndLine_IsTheSame()
    {
        // .NET Framework async state machines on a CI runner, and a modern runtime on a developer's machine with the file since edited.
        var ci = Map(DotnetRepo, "dotnet/netfx-async-windows.txt");
        var local = Map(DotnetRepo, "dotnet/modern-async-local.txt");

        Assert.Equal(Fingerprint.Describe(ci), Fingerprint.Describe(local));
        Assert.Equal(Fingerprint.Compute(ci), Fingerprint.Compute(local));
    }

    [Fact]
    public void Compute_SameBugFromAScriptAndFromPytest_IsTheSame()
    {
        var script = Map(PythonRepo, "python/cause.txt");
        var pytestLong = PythonRepo.Map(Reader.Read(TraceFiles.Read("python/pytest-long.txt"))[0]);
        var pytestShort = PythonRepo.Map(Reader.Read(TraceFiles.Read("python/pytest-short.txt"))[0]);

        Assert.Equal(Fingerprint.Compute(script), Fingerprint.Compute(pytestLong));
        Assert.Equal(Fingerprint.Compute(script), Fingerprint.Compute(pytestShort));
    }

    [Fact]
    public void Compute_DifferentLineNumbersAndMessageValues_IsTheSame()
    {
        var java = TraceFiles.Read("java/cause.txt");
        var shifted = java.Replace("cart 42", "cart 977", StringComparison.Ordinal).Replace(".java:1", ".java:2", StringComparison.Ordinal).Replace(".java:3", ".java:5", StringComparison.Ordinal);

        Assert.NotEqual(java, shifted);
        Assert.Equal(Fingerprint.Compute(JavaRepo.Map(Parse(java))), Fingerprint.Compute(JavaRepo.Map(Parse(shifted))));
    }

    [Fact]
    public void Compute_GoPanicWithOtherIndexPathsOffsetsAndGoroutine_IsTheSame()
    {
        const string elsewhere = """
            panic: runtime error: index out of range [7] with length 2

            goroutine 18 [running]:
            example.com/shop/cart.(*Cart).At(...)
            	/builds/acme/shop/cart/cart.go:6
            example.com/shop/cart.Sum(0xc000012345?, 0x9)
            	/builds/acme/shop/cart/cart.go:11 +0x1d
            main.main()
            	/builds/acme/shop/cmd/index/main.go:9 +0x9e
            exit status 2
            """;

        Assert.Equal(Fingerprint.Compute(Map(GoRepo, "go/index.txt")), Fingerprint.Compute(GoRepo.Map(Parse(elsewhere))));
    }

    [Fact]
    public void Compute_DifferentGoRuntimeErrorInTheSameCode_Differs()
    {
        var index = Map(GoRepo, "go/index.txt");
        var nilDereference = index.Root with { Message = "runtime error: invalid memory address or nil pointer dereference" };

        Assert.NotEqual(Fingerprint.Compute(index), Fingerprint.Compute(nilDereference));
    }

    [Fact]
    public void Compute_DifferentExceptionTypeAtTheSameFrames_Differs()
    {
        var trace = Map(PythonRepo, "python/simple.txt");

        Assert.NotEqual(Fingerprint.Compute(trace), Fingerprint.Compute(trace with { ExceptionType = "TypeError" }));
    }

    [Fact]
    public void Compute_DifferentTopProjectFunction_Differs()
    {
        var trace = Map(PythonRepo, "python/simple.txt");
        var elsewhere = trace with { Frames = [trace.Frames[0] with { Function = "median" }, .. trace.Frames.Skip(1)] };

        Assert.NotEqual(Fingerprint.Compute(trace), Fingerprint.Compute(elsewhere));
    }

    [Fact]
    public void Compute_UsesTheRootCauseNotTheWrapper()
    {
        var trace = Map(DotnetRepo, "dotnet/inner.txt");

        Assert.Equal(Fingerprint.Compute(trace.Root), Fingerprint.Compute(trace));
        Assert.NotEqual(Fingerprint.Compute(trace), Fingerprint.Compute(trace with { Cause = null }));
    }

    [Theory]
    [InlineData("dotnet", "Shop.Cart.<Total>b__0_0", "Shop.Cart.<Total>b__3_1")]
    [InlineData("dotnet", "Shop.Cart.<>c__DisplayClass2_0.<Total>b__0", "Shop.Cart.<>c__DisplayClass5_1.<Total>b__2")]
    [InlineData("dotnet", "Shop.Cart.<Total>d__4.MoveNext", "Shop.Cart.Total")]
    [InlineData("dotnet", "Shop.Cart.<Total>g__Sum|2_0", "Shop.Cart.<Total>g__Sum|7_1")]
    [InlineData("dotnet", "Shop.Cache`1.Get[TKey]", "Shop.Cache`2.Get[TKey,TValue]")]
    [InlineData("java", "com.acme.App.lambda$main$0", "com.acme.App.lambda$main$3")]
    [InlineData("java", "com.acme.App$1.run", "com.acme.App$2.run")]
    [InlineData("node", "async loadConfig", "loadConfig")]
    [InlineData("node", "Function.executeUserEntryPoint [as runMain]", "Function.executeUserEntryPoint")]
    [InlineData("go", "main.run.func1", "main.run.func3")]
    [InlineData("go", "main.Map[...]", "main.Map")]
    public void Compute_CompilerGeneratedNoise_IsIgnored(string language, string function, string sameFunction)
    {
        Assert.Equal(Fingerprint.Compute(OneFrame(language, function)), Fingerprint.Compute(OneFrame(language, sameFunction)));
    }

    [Fact]
    public void Describe_RecursiveFrames_CountOnce()
    {
        var frame = new StackFrame("walk", "/app/tree.py", 3) { RepoPath = "tree.py", IsProjectFrame = true };
        var trace = new ExceptionTrace("python", "RecursionError", "maximum recursion depth exceeded", [frame, frame with { Line = 4 }, frame, new StackFrame("main", "/app/tree.py", 9) { RepoPath = "tree.py", IsProjectFrame = true }]);

        Assert.Equal("python|RecursionError|tree.py:walk|tree.py:main", Fingerprint.Describe(trace));
    }

    [Fact]
    public void Describe_NoProjectFrame_UsesTheRootsTopFramesByFileName()
    {
        var trace = Parse(TraceFiles.Read("dotnet/inner.txt"));

        Assert.Equal(
            "dotnet|System.Collections.Generic.KeyNotFoundException|:System.Collections.Generic.Dictionary.get_Item|OrderService.cs:Shop.Orders.OrderRepository.FindAsync|OrderService.cs:Shop.Orders.OrderService.CountLinesAsync",
            Fingerprint.Describe(trace));
    }

    private static ExceptionTrace OneFrame(string language, string function) =>
        new(language, "E", "m", [new StackFrame(function, "src/x", 1) { RepoPath = "src/x", IsProjectFrame = true }]);

    private static ExceptionTrace Map(FrameMapper mapper, string file) => mapper.Map(Parse(TraceFiles.Read(file)));

    private static ExceptionTrace Parse(string text) => Assert.Single(Reader.Read(text));

    [GeneratedRegex("^[0-9a-f]{16}$")]
    private static partial Regex HexRegex();
}
