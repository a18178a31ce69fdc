using SelfHeal.Coverage;
using SelfHeal.Testing;
using SelfHeal.Testing.Pytest;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Testing.Runners;

public sealed class PytestRunnerTests
{
    private const string Cart = """
        def total(items):
            s = 0
            for p in items:
                s += p
            return s


        def discount(amount, pct):
            if pct > 100:
                raise ValueError("pct")
            return amount - amount * pct // 100
        """;

    private const string CartTests = """
        import pytest
        from cart import total, discount


        def test_total():
            assert total([1, 2]) == 3


        def test_discount_fails():
            assert discount(100, 10) == 91


        class TestCart:
            def test_empty(self):
                assert total([]) == 0

            @pytest.mark.parametrize("n", [1, 2])
            def test_param(self, n):
                assert total([n]) == n

            @pytest.mark.skip(reason="later")
            def test_skip(self):
                pass
        """;

    private static PytestRunner Runner() => new(TestSandbox.Runner(), TimeProvider.System);

    private static SampleProject CartProject() =>
        new(("cart.py", Cart), ("tests/test_cart.py", CartTests), ("conftest.py", "import os, sys\nsys.path.insert(0, os.path.dirname(__file__))\n"));

    [Fact]
    public async Task RunAsync_WithCoverage_ReportsNodeIdsAndOneSlicePerTest()
    {
        Requires.Tool("python3");
        using var project = CartProject();
        var before = project.Entries();

        var result = await Runner().RunAsync(new TestRunRequest(project.Path) { CollectCoverage = true });

        Assert.Null(result.Problem);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            ["tests/test_cart.py::test_total", "tests/test_cart.py::test_discount_fails", "tests/test_cart.py::TestCart::test_empty",
             "tests/test_cart.py::TestCart::test_param[1]", "tests/test_cart.py::TestCart::test_param[2]", "tests/test_cart.py::TestCart::test_skip"],
            result.Tests.Select(t => t.Id));
        var failure = Assert.Single(result.Failures);
        Assert.Equal("tests/test_cart.py", failure.File);
        Assert.Contains("assert 90 == 91", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, result.Skipped);

        Assert.NotNull(result.Coverage);
        var slices = result.Coverage.Slices;
        var discount = Assert.Single(slices, s => s.TestIds.Contains("tests/test_cart.py::test_discount_fails"));
        Assert.Equal(["tests/test_cart.py::test_discount_fails"], discount.TestIds);
        Assert.Contains(new SourceLine("cart.py", 11), discount.Lines);
        Assert.DoesNotContain(new SourceLine("cart.py", 4), discount.Lines);
        var total = Assert.Single(slices, s => s.TestIds.SequenceEqual(["tests/test_cart.py::test_total"]));
        Assert.Contains(new SourceLine("cart.py", 4), total.Lines);
        Assert.DoesNotContain(new SourceLine("cart.py", 11), total.Lines);
        Assert.Single(slices, s => s.TestIds.SequenceEqual(["tests/test_cart.py::TestCart::test_param[1]", "tests/test_cart.py::TestCart::test_param[2]"]));
        Assert.Equal(before, project.Entries());
    }

    [Fact]
    public async Task RunAsync_Only_RunsTheSelectedNodeIds()
    {
        Requires.Tool("python3");
        using var project = CartProject();

        var result = await Runner().RunAsync(new TestRunRequest(project.Path) { Only = ["tests/test_cart.py::TestCart::test_empty", "tests/test_cart.py::test_total"] });

        Assert.Null(result.Problem);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["tests/test_cart.py::TestCart::test_empty", "tests/test_cart.py::test_total"], result.Tests.Select(t => t.Id));
        Assert.Null(result.Coverage);
    }

    [Fact]
    public async Task RunAsync_HangingTest_TimesOutAndLeavesNoProcess()
    {
        Requires.Tool("python3");
        var seconds = SampleProject.UniqueSleepSeconds();
        using var project = new SampleProject(("tests/test_hang.py", $"import subprocess\n\ndef test_hangs():\n    subprocess.run(['sleep', '{seconds}'])\n"));

        var result = await Runner().RunAsync(new TestRunRequest(project.Path) { Timeout = TimeSpan.FromSeconds(5) });

        Assert.True(result.TimedOut);
        Assert.Equal("the tests did not finish within 5 s and were stopped", result.Problem);
        Assert.Empty(SampleProject.ProcessesMentioning("sleep " + seconds));
    }

    [Fact]
    public async Task RunAsync_NoTests_IsAProblemNotAnException()
    {
        Requires.Tool("python3");
        using var project = new SampleProject(("pytest.ini", "[pytest]\n"), ("cart.py", Cart));

        var result = await Runner().RunAsync(new TestRunRequest(project.Path));

        Assert.Equal(5, result.ExitCode);
        Assert.Empty(result.Tests);
        Assert.StartsWith("no tests were found by ", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UserCommand_StillReadsTheJUnitReport()
    {
        Requires.Tool("python3");
        using var project = CartProject();
        var python = await new PythonLocator(TestSandbox.Runner()).FindAsync(project.Path, wantCoverage: false);
        Assert.NotNull(python);

        var result = await Runner().RunAsync(new TestRunRequest(project.Path) { Command = python.Path + " -m pytest tests" });

        Assert.Null(result.Problem);
        Assert.Equal(6, result.Tests.Count);
        Assert.Equal("tests/test_cart.py::test_discount_fails", Assert.Single(result.Failures).Id);
    }

    [Fact]
    public void CanRun_TestFilesOrConfiguration_AreDetected()
    {
        using var withTests = CartProject();
        using var plain = new SampleProject(("cart.py", Cart));
        using var pyproject = new SampleProject(("pyproject.toml", "[tool.pytest.ini_options]\naddopts = \"-q\"\n"));

        Assert.True(Runner().CanRun(withTests.Path));
        Assert.False(Runner().CanRun(plain.Path));
        Assert.True(Runner().CanRun(pyproject.Path));
    }
}
