using SelfHeal.Coverage;
using SelfHeal.Testing;
using SelfHeal.Testing.Parsers;
using SelfHeal.Testing.Pytest;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Testing.Runners;

public sealed class PytestNodeIdsTests
{
    [Fact]
    public void Of_CaseWithFileAttribute_BuildsNodeIdWithClass()
    {
        var testCase = new JUnitCase("tests.test_cart.TestCart", "test_param[1]", TestStatus.Passed, TimeSpan.Zero) { File = "tests/test_cart.py" };

        Assert.Equal(("tests/test_cart.py::TestCart::test_param[1]", "tests/test_cart.py"), PytestNodeIds.Of(testCase, "/nowhere"));
    }

    [Fact]
    public void Of_CaseWithoutFile_FindsTheModuleOnDisk()
    {
        using var repo = new TempDirectory();
        Directory.CreateDirectory(repo.Combine("tests"));
        File.WriteAllText(repo.Combine("tests", "test_cart.py"), "");

        Assert.Equal("tests/test_cart.py::test_total", PytestNodeIds.Of(new JUnitCase("tests.test_cart", "test_total", TestStatus.Passed, TimeSpan.Zero), repo.Path).Id);
        Assert.Equal("tests/test_cart.py::TestCart::test_empty", PytestNodeIds.Of(new JUnitCase("tests.test_cart.TestCart", "test_empty", TestStatus.Passed, TimeSpan.Zero), repo.Path).Id);
        Assert.Equal("tests/test_cart.py", PytestNodeIds.Of(new JUnitCase("", "tests.test_cart", TestStatus.Error, TimeSpan.Zero), repo.Path).Id);
    }

    [Fact]
    public void Slices_ContextsNamingModulesWithoutPackage_MatchNodeIds()
    {
        var tests = new[] { "tests/test_cart.py::test_total", "tests/test_cart.py::TestCart::test_param[1]", "tests/test_cart.py::TestCart::test_param[2]" }
            .Select(id => new TestOutcome(id, id, TestStatus.Passed, TimeSpan.Zero));
        var contexts = new Dictionary<string, HashSet<SourceLine>>
        {
            ["test_cart.test_total"] = [new("cart.py", 2)],
            ["test_cart.TestCart.test_param"] = [new("cart.py", 3)],
            ["other.test_unrelated"] = [new("cart.py", 9)],
        };

        var slices = PytestNodeIds.Slices(contexts, tests);

        Assert.Equal(2, slices.Count);
        Assert.Equal(["tests/test_cart.py::test_total"], slices.Single(s => s.Lines.Contains(new("cart.py", 2))).TestIds);
        Assert.Equal(["tests/test_cart.py::TestCart::test_param[1]", "tests/test_cart.py::TestCart::test_param[2]"], slices.Single(s => s.Lines.Contains(new("cart.py", 3))).TestIds);
    }
}
