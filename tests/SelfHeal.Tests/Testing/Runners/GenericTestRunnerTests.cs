using SelfHeal.Tests.Support;
using SelfHeal.Testing;
using SelfHeal.Testing.Generic;

namespace SelfHeal.Tests.Testing.Runners;

public sealed class GenericTestRunnerTests
{
    private static GenericTestRunner Runner() => new(TestSandbox.Runner(), TimeProvider.System);

    [Fact]
    public async Task RunAsync_UnknownCommand_ReportsItWasNotFound()
    {
        using var project = new SampleProject(("README", "x"));

        var result = await Runner().RunAsync(new TestRunRequest(project.Path) { Command = "frobnicate-tests --all" });

        Assert.Equal(127, result.ExitCode);
        Assert.Equal("the test command 'frobnicate-tests' was not found", result.Problem);
        Assert.Empty(result.Tests);
    }

    [Fact]
    public async Task RunAsync_CommandWithoutReports_IsOneOutcomeFromTheExitCode()
    {
        using var project = new SampleProject(("README", "x"));

        var failed = await Runner().RunAsync(new TestRunRequest(project.Path) { Command = "echo checking; echo 'cart total is wrong' >&2; exit 3" });
        var passed = await Runner().RunAsync(new TestRunRequest(project.Path) { Command = "echo all good" });

        var outcome = Assert.Single(failed.Tests);
        Assert.Equal("command", outcome.Id);
        Assert.Equal(TestStatus.Failed, outcome.Status);
        Assert.Contains("cart total is wrong", outcome.Message, StringComparison.Ordinal);
        Assert.Null(failed.Problem);
        Assert.Equal(TestStatus.Passed, Assert.Single(passed.Tests).Status);
    }

    [Fact]
    public async Task RunAsync_CommandWritingJUnit_ReadsTheReport()
    {
        using var project = new SampleProject(("README", "x"));
        const string report = "<testsuite name='s'><testcase classname='shop.CartTest' name='total'><failure message='off by one'/></testcase><testcase classname='shop.CartTest' name='empty'/></testsuite>";

        var result = await Runner().RunAsync(new TestRunRequest(project.Path) { Command = $"mkdir -p out/reports && echo \"{report}\" > out/reports/results.xml; exit 1" });

        Assert.Equal(["shop.CartTest.total", "shop.CartTest.empty"], result.Tests.Select(t => t.Id));
        Assert.Equal("off by one", Assert.Single(result.Failures).Message);
    }

    [Fact]
    public async Task RunAsync_CommandPrintingTap_ReadsTheTap()
    {
        using var project = new SampleProject(("README", "x"));

        var result = await Runner().RunAsync(new TestRunRequest(project.Path) { Command = "printf 'TAP version 13\\nok 1 - adds\\nnot ok 2 - rounds\\n1..2\\n'; exit 1" });

        Assert.Equal(["adds", "rounds"], result.Tests.Select(t => t.Id));
        Assert.Equal(1, result.Failed);
    }

    [Fact]
    public async Task RunAsync_HangingCommand_TimesOutAndLeavesNoProcess()
    {
        using var project = new SampleProject(("README", "x"));
        var seconds = SampleProject.UniqueSleepSeconds();

        var result = await Runner().RunAsync(new TestRunRequest(project.Path) { Command = $"sleep {seconds} & sleep {seconds}", Timeout = TimeSpan.FromSeconds(2) });

        Assert.True(result.TimedOut);
        Assert.StartsWith("the tests did not finish within 2 s", result.Problem, StringComparison.Ordinal);
        Assert.Empty(SampleProject.ProcessesMentioning("sleep " + seconds));
    }

    [Fact]
    public async Task RunAsync_Cancelled_Throws()
    {
        using var project = new SampleProject(("README", "x"));
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Runner().RunAsync(new TestRunRequest(project.Path) { Command = "sleep 30" }, cts.Token));
    }
}
