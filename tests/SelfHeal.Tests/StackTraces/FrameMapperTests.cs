using SelfHeal.Git;
using SelfHeal.Processes;
using SelfHeal.StackTraces;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.StackTraces;

public sealed class FrameMapperTests
{
    private static readonly StackTraceReader Reader = StackTraceReader.CreateDefault();

    [Fact]
    public void Map_DotnetTraceFromCiRunner_MapsProjectFramesAndCausesButNotFrameworkFrames()
    {
        var mapper = new FrameMapper(["src/App/App.csproj", "src/App/Program.cs", "src/App/Orders/OrderService.cs", "src/Shop.Tests/OrderServiceTests.cs"]);
        var trace = Read("dotnet/inner.txt");

        var mapped = mapper.Map(trace);

        // Program.<Main>, the entry point the compiler generates, has no file but is the project's Program.cs.
        Assert.Equal(["src/App/Orders/OrderService.cs", "src/App/Program.cs", "src/App/Program.cs"], mapped.Frames.Select(f => f.RepoPath));
        Assert.All(mapped.Frames, f => Assert.True(f.IsProjectFrame));
        Assert.Equal([null, "src/App/Orders/OrderService.cs", "src/App/Orders/OrderService.cs"], mapped.Root.Frames.Select(f => f.RepoPath));
        Assert.False(mapped.Root.Frames[0].IsProjectFrame);
        Assert.All(trace.Chain.SelectMany(e => e.Frames), f => Assert.Null(f.RepoPath));
    }

    [Theory]
    [InlineData(@"D:\a\shop\shop\src\Shop\Pricing\PriceClient.cs")]
    [InlineData(@"C:\Users\dev\source\repos\shop\src\Shop\Pricing\PriceClient.cs")]
    [InlineData(@"c:\users\dev\source\repos\shop\SRC\shop\pricing\priceclient.cs")]
    [InlineData("/home/runner/work/shop/shop/src/Shop/Pricing/PriceClient.cs")]
    [InlineData("/Users/runner/work/shop/shop/src/Shop/Pricing/PriceClient.cs")]
    [InlineData("/builds/acme/shop/src/Shop/Pricing/PriceClient.cs")]
    [InlineData("/src/Shop/Pricing/PriceClient.cs")]
    [InlineData("/app/src/Shop/Pricing/PriceClient.cs")]
    [InlineData("/tmp/tmp8f3k2/src/Shop/Pricing/PriceClient.cs")]
    [InlineData("file:///C:/dev/shop/src/Shop/Pricing/PriceClient.cs")]
    [InlineData("/_/src/Shop/Pricing/PriceClient.cs")]
    [InlineData("src/Shop/Pricing/PriceClient.cs")]
    [InlineData("Shop/Pricing/PriceClient.cs")]
    public void Map_PathFromAnyMachine_MapsToTheRepoFile(string printed)
    {
        var mapper = new FrameMapper(["src/Shop/Pricing/PriceClient.cs", "src/Shop/Pricing/PriceRefresher.cs", "tests/Shop.Tests/Pricing/PriceClientTests.cs"]);

        var frame = mapper.Map(new StackFrame("Shop.Pricing.PriceClient.FetchAsync", printed, 57), "dotnet");

        Assert.Equal("src/Shop/Pricing/PriceClient.cs", frame.RepoPath);
        Assert.True(frame.IsProjectFrame);
    }

    [Fact]
    public void Map_PythonTraceWithStandardLibraryAndSitePackages_MapsOnlyTheProject()
    {
        var mapper = new FrameMapper(["shop/__init__.py", "shop/cart.py", "shop/client.py", "shop/sync.py", "decoder.py", "json/__init__.py"]);

        var context = mapper.Map(Read("python/context.txt"));
        var windows = mapper.Map(Read("python/windows-site-packages.txt"));

        Assert.Equal([null, null, null, "shop/cart.py", null, null], context.Frames.Select(f => f.RepoPath));
        Assert.Equal([null, "shop/client.py", "shop/sync.py", "shop/sync.py", null, null], windows.Frames.Select(f => f.RepoPath));
    }

    [Fact]
    public void Map_PytestRelativePaths_MapExactlyOrUnderASourceFolder()
    {
        var trace = Reader.Read(TraceFiles.Read("python/pytest-short.txt"))[0];
        var flat = new FrameMapper(["shop/cart.py", "tests/test_cart.py"]).Map(trace);
        var srcLayout = new FrameMapper(["src/shop/cart.py", "tests/test_cart.py"]).Map(trace);

        Assert.Equal(["shop/cart.py", "shop/cart.py", "shop/cart.py", "tests/test_cart.py"], flat.Frames.Select(f => f.RepoPath));
        Assert.Equal(["src/shop/cart.py", "src/shop/cart.py", "src/shop/cart.py", "tests/test_cart.py"], srcLayout.Frames.Select(f => f.RepoPath));
    }

    [Fact]
    public void Map_JavaFrames_AreFoundThroughTheirPackage()
    {
        var mapper = new FrameMapper(
        [
            "src/main/java/com/acme/Cart.java", "src/main/java/com/acme/App.java", "src/main/java/com/other/Cart.java",
            "billing/src/main/java/com/acme/billing/Invoice.java", "billing/src/main/java/com/acme/billing/Runner.java",
        ]);

        var cause = mapper.Map(Read("java/cause.txt"));
        var reflect = mapper.Map(Read("java/reflect.txt"));

        Assert.Equal("src/main/java/com/acme/Cart.java", cause.Root.Frames[0].RepoPath);
        Assert.Equal("src/main/java/com/acme/App.java", cause.Frames[1].RepoPath);
        Assert.Equal("billing/src/main/java/com/acme/billing/Invoice.java", reflect.Root.Frames[0].RepoPath);
        Assert.All(reflect.Root.Frames.Skip(1).Take(4), f => Assert.False(f.IsProjectFrame));
    }

    [Fact]
    public void Map_KotlinFileOutsidePackageFolders_IsFoundByItsUniqueName()
    {
        var mapper = new FrameMapper(["app/src/main/kotlin/CartService.kt", "app/src/main/java/com/acme/shop/cart/CartController.java"]);

        var trace = mapper.Map(Read("java/logback-spring.txt"));

        Assert.Equal("app/src/main/kotlin/CartService.kt", trace.Frames[0].RepoPath);
        Assert.Equal("app/src/main/java/com/acme/shop/cart/CartController.java", trace.Frames[1].RepoPath);
        Assert.Equal(2, trace.Frames.Count(f => f.IsProjectFrame));
    }

    [Fact]
    public void Map_NodeFrames_MapsProjectFilesAndFileUrlsButNotInternalsOrPackages()
    {
        var mapper = new FrameMapper(["src/cart.js", "src/checkout.mjs", "typeerror.js", "esm.mjs", "node_modules/tinylib/index.js", "anon.js"]);

        var typeError = mapper.Map(Read("node/typeerror.txt"));
        var esm = mapper.Map(Read("node/esm.txt"));
        var windows = mapper.Map(Read("node/windows.txt"));
        var anon = mapper.Map(Read("node/anon.txt"));

        Assert.Equal(["src/cart.js", null, "src/cart.js", "typeerror.js", "typeerror.js"], typeError.Frames.Take(5).Select(f => f.RepoPath));
        Assert.All(typeError.Frames.Skip(5), f => Assert.False(f.IsProjectFrame));
        Assert.Equal([null, "esm.mjs", "esm.mjs", null, "esm.mjs"], esm.Frames.Take(5).Select(f => f.RepoPath));
        Assert.Equal(["src/cart.js", null, "src/cart.js", "src/checkout.mjs", null, "src/checkout.mjs"], windows.Frames.Select(f => f.RepoPath));
        Assert.Equal([null, null, "anon.js", null, null], anon.Frames.Select(f => f.RepoPath));
    }

    [Fact]
    public void Map_GoFrames_MapsTheModuleButNotTheRuntime()
    {
        var mapper = new FrameMapper(["go.mod", "cart/cart.go", "cart/cart_test.go", "cmd/recovered/main.go", "cmd/index/main.go"]);

        var recovered = mapper.Map(Read("go/recovered.txt"));
        var gopath = mapper.Map(new StackFrame("github.com/acme/shop/cart.Sum", "/home/dev/go/src/github.com/acme/shop/cart/cart.go", 10), "go");

        Assert.Equal(["cmd/recovered/main.go", null, "cart/cart.go", "cart/cart.go", "cmd/recovered/main.go", "cmd/recovered/main.go"], recovered.Frames.Select(f => f.RepoPath));
        Assert.Equal("cart/cart.go", gopath.RepoPath);
    }

    [Fact]
    public void Map_SameFileNameInSeveralFolders_LeavesABareNameUnmapped()
    {
        var mapper = new FrameMapper(["cart/cart_test.go", "store/cart_test.go"]);

        var frame = mapper.Map(new StackFrame("TestSum", "cart_test.go", 8), "go");

        Assert.Null(frame.RepoPath);
        Assert.False(frame.IsProjectFrame);
    }

    [Fact]
    public void Map_UnrelatedPathWithACommonFileName_IsNotMapped()
    {
        var mapper = new FrameMapper(["src/index.js", "lib/util.js"]);

        Assert.Null(mapper.Map(new StackFrame("run", "/srv/other/lib/index.js", 1), "node").RepoPath);
        Assert.Null(mapper.Map(new StackFrame("run", "/usr/share/nodejs/util.js", 1), "node").RepoPath);
    }

    [Fact]
    public void Map_DotnetFramesWithoutFiles_AreFoundByTheirTypeName()
    {
        var mapper = new FrameMapper(["src/App/Program.cs", "src/App/Orders/OrderService.cs"]);

        var trace = mapper.Map(Read("dotnet/release-no-pdb.txt"));

        Assert.Equal(["src/App/Orders/OrderService.cs", "src/App/Program.cs", "src/App/Program.cs"], trace.Frames.Select(f => f.RepoPath));
        // OrderRepository lives in OrderService.cs: without a file of its own name it stays unmapped.
        Assert.Equal([null, null, "src/App/Orders/OrderService.cs"], trace.Root.Frames.Select(f => f.RepoPath));
    }

    [Fact]
    public async Task CreateAsync_GitRepository_MapsTrackedAndNewFiles()
    {
        Requires.Tool("git");
        using var repo = new TempDirectory("selfheal-frames");
        Directory.CreateDirectory(repo.Combine("shop"));
        await File.WriteAllTextAsync(repo.Combine("shop", "cart.py"), "def total(): pass\n");
        await File.WriteAllTextAsync(repo.Combine("report.py"), "print(1)\n");
        var git = new GitClient(new ProcessRunner());
        await git.RunCheckedAsync(repo.Path, ["init", "-q", "-b", "main"]);
        await git.RunCheckedAsync(repo.Path, ["add", "shop/cart.py"]);
        await git.RunCheckedAsync(repo.Path, ["-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", "init"]);

        var mapper = await FrameMapper.CreateAsync(git, repo.Path);

        Assert.Equal("shop/cart.py", mapper.Map(new StackFrame("total", "/builds/acme/shop/shop/cart.py", 1), "python").RepoPath);
        Assert.Equal("report.py", mapper.Map(new StackFrame("<module>", "/app/report.py", 1), "python").RepoPath);
    }

    private static ExceptionTrace Read(string file) => Assert.Single(Reader.Read(TraceFiles.Read(file)));
}
