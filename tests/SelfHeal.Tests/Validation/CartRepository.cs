using SelfHeal.Localization;
using SelfHeal.Repair;
using SelfHeal.Testing;
using SelfHeal.Testing.Pytest;
using SelfHeal.Tests.Support;
using SelfHeal.Validation;

namespace SelfHeal.Tests.Validation;

/// <summary>
/// A small real Python project with pytest tests, a benchmark that prints a deterministic figure (loop steps) and an
/// end-to-end script. <c>total</c> skips the first price: <c>tests/test_cart.py::test_total</c> fails.
/// </summary>
internal sealed class CartRepository : IDisposable
{
    public const string File = "shop/cart.py";
    public const string Buggy = "prices[1:]";
    public const string FailingTest = "tests/test_cart.py::test_total";

    private const string Cart = """
        STEPS = 0


        def total(prices):
            global STEPS
            result = 0
            for p in prices[1:]:
                STEPS += 1
                result += p
            return result


        def count(items):
            return len(items)

        """;

    private const string Tests = """
        from shop.cart import count, total


        def test_total():
            assert total([1, 2, 3]) == 6


        def test_total_of_nothing():
            assert total([]) == 0


        def test_count():
            assert count([1, 2]) == 2

        """;

    private const string Bench = """
        from shop import cart

        cart.total(list(range(1000)))
        print(f"steps={cart.STEPS}")

        """;

    private const string EndToEnd = """
        import sys
        from shop.cart import total

        ok = total([5]) == 5 and total([1.5, 2.5]) == 4.0
        print("e2e ok" if ok else "e2e: wrong total for [1.5, 2.5]")
        sys.exit(0 if ok else 1)

        """;

    private CartRepository(GitRepository git) => Git = git;

    public GitRepository Git { get; }

    public string Path => Git.Path;

    public static Suspect Suspect { get; } = new(File, 7, 7, "total", 0.9, []);

    public static async Task<CartRepository> CreateAsync(string? selfhealYml = null)
    {
        Requires.Tool("python3");
        var git = await GitRepository.InitAsync();
        git.Write("conftest.py", "");
        git.Write("shop/__init__.py", "");
        git.Write(File, Cart);
        git.Write("tests/test_cart.py", Tests);
        git.Write("bench.py", Bench);
        git.Write("e2e.py", EndToEnd);
        if (selfhealYml is not null)
        {
            git.Write(".selfheal.yml", selfhealYml);
        }
        await git.CommitAllAsync("cart");
        return new CartRepository(git);
    }

    public static ITestRunner Runner() => new PytestRunner(TestSandbox.Runner(), TimeProvider.System);

    /// <summary>The request a run that reproduced <see cref="FailingTest"/> validates against (2 passed, 1 failed before).</summary>
    public ValidationRequest Request() =>
        new(Runner(), Path, null, [FailingTest], new HashSet<string>(), new TestCounts(2, 1, 0), TimeSpan.FromMinutes(2));

    /// <summary>A candidate replacing <paramref name="find"/> in <see cref="File"/> by <paramref name="replacement"/>.</summary>
    public CandidatePatch Candidate(string replacement, string find = Buggy, string template = "test")
    {
        var text = Git.Read(File);
        var start = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{find}' is not in {File}");
        return new CandidatePatch("token-templates", template, Suspect, [new TextEdit(File, start, find.Length, replacement)], $"replace '{find}' with '{replacement}'", 1);
    }

    public void Dispose() => Git.Dispose();
}
