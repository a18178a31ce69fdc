using SelfHeal.Testing;
using SelfHeal.Testing.Go;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Testing.Runners;

public sealed class GoTestRunnerTests
{
    private const string Cart = """
        package cart

        func Total(prices []int) int {
        	sum := 0
        	for i := 1; i < len(prices); i++ {
        		sum += prices[i]
        	}
        	return sum
        }
        """;

    private const string CartTests = """
        package cart

        import "testing"

        func TestEmpty(t *testing.T) {
        	if Total(nil) != 0 {
        		t.Fatal("empty cart is not zero")
        	}
        }

        func TestTotal(t *testing.T) {
        	if got := Total([]int{1, 2}); got != 3 {
        		t.Errorf("Total = %d, want 3", got)
        	}
        }

        func TestSub(t *testing.T) {
        	t.Run("single", func(t *testing.T) {
        		if Total([]int{4}) != 4 {
        			t.Error("single item lost")
        		}
        	})
        }
        """;

    private static GoTestRunner Runner() => new(TestSandbox.Runner());

    private static SampleProject Module(string cart = Cart) =>
        new(("go.mod", "module example.com/cart\n\ngo 1.19\n"), ("cart.go", cart), ("cart_test.go", CartTests));

    [Fact]
    public async Task RunAsync_RealModule_ReadsPackageQualifiedTests()
    {
        Requires.Tool("go");
        using var project = Module();

        var result = await Runner().RunAsync(new TestRunRequest(project.Path));

        Assert.Null(result.Problem);
        Assert.Equal(["example.com/cart/TestEmpty", "example.com/cart/TestTotal", "example.com/cart/TestSub", "example.com/cart/TestSub/single"], result.Tests.Select(t => t.Id));
        var total = result.Tests.Single(t => t.Name == "TestTotal");
        Assert.Equal(TestStatus.Failed, total.Status);
        Assert.Equal("Total = 2, want 3", total.Message);
        Assert.Equal(TestStatus.Passed, result.Tests[0].Status);
    }

    [Fact]
    public async Task RunAsync_KeepsGosBuildCacheInTheWorktreeIgnoredByGit()
    {
        Requires.Tool("go");
        Requires.Tool("git");
        using var project = Module();
        await new SelfHeal.Git.GitClient(new SelfHeal.Processes.ProcessRunner()).RunCheckedAsync(project.Path, ["init", "-q"]);

        await Runner().RunAsync(new TestRunRequest(project.Path));

        var cache = Path.Combine(project.Path, ".selfheal", "go-build");
        Assert.NotEmpty(Directory.EnumerateFiles(cache, "*", SearchOption.AllDirectories));
        var untracked = await new SelfHeal.Git.GitClient(new SelfHeal.Processes.ProcessRunner()).RunCheckedAsync(project.Path, ["ls-files", "--others", "--exclude-standard"]);
        Assert.DoesNotContain(".selfheal", untracked, StringComparison.Ordinal);
        Assert.Contains("cart.go", untracked, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Only_RunsTheSelectedTests()
    {
        Requires.Tool("go");
        using var project = Module();

        var result = await Runner().RunAsync(new TestRunRequest(project.Path) { Only = ["example.com/cart/TestEmpty"] });

        Assert.Equal("example.com/cart/TestEmpty", Assert.Single(result.Tests).Id);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task RunAsync_CodeThatDoesNotCompile_IsABuildProblem()
    {
        Requires.Tool("go");
        using var project = Module(Cart.Replace("return sum", "return total", StringComparison.Ordinal));

        var result = await Runner().RunAsync(new TestRunRequest(project.Path));

        Assert.StartsWith("the build failed: ", result.Problem, StringComparison.Ordinal);
        Assert.Contains("cart.go:8", result.Problem, StringComparison.Ordinal);
        Assert.Contains("undefined: total", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UserCommandWithoutJson_GetsJsonAndSelectionAdded()
    {
        Requires.Tool("go");
        using var project = Module();

        var result = await Runner().RunAsync(new TestRunRequest(project.Path) { Command = "go test ./...", Only = ["example.com/cart/TestTotal"] });

        Assert.Equal("go test -json ./... -run '^(TestTotal)$'", result.Command);
        Assert.Equal("example.com/cart/TestTotal", Assert.Single(result.Failures).Id);
        Assert.Single(result.Tests);
    }

    [Fact]
    public async Task RunAsync_ModuleWithoutTests_IsNoTestsFound()
    {
        Requires.Tool("go");
        using var project = new SampleProject(("go.mod", "module example.com/empty\n\ngo 1.19\n"), ("empty.go", "package empty\n\nfunc One() int { return 1 }\n"));

        var result = await Runner().RunAsync(new TestRunRequest(project.Path));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("no tests were found by 'go test -json ./...'", result.Problem);
    }
}
