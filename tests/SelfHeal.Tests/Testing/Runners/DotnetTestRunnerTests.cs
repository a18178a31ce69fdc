using SelfHeal.Coverage;
using SelfHeal.Testing;

namespace SelfHeal.Tests.Testing.Runners;

public sealed class DotnetTestRunnerTests(DotnetSolutionFixture solution) : IClassFixture<DotnetSolutionFixture>
{
    [Fact]
    public void RunAsync_RealSolution_ReadsTheTrxResults()
    {
        var result = solution.FullRun;

        Assert.True(result.Problem is null, result.Problem + "\n" + result.Output);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(5, result.Tests.Count);
        var failure = Assert.Single(result.Failures);
        Assert.Equal("Shop.Tests.CartTests.Total_TwoItems_Sums", failure.Id);
        Assert.Contains("Expected: 3", failure.Message, StringComparison.Ordinal);
        Assert.Contains("CartTests.cs:line 11", failure.StackTrace, StringComparison.Ordinal);
        Assert.Equal(2, result.Tests.Count(t => t.Id == "Shop.Tests.CartTests.Total_LeadingZero_Ignored"));
        Assert.Equal(1, result.Skipped);
    }

    [Fact]
    public void RunAsync_Coverage_IsOneSliceOverTheLibraryLines()
    {
        var coverage = solution.FullRun.Coverage;

        Assert.NotNull(coverage);
        var slice = Assert.Single(coverage.Slices);
        Assert.Equal(["Shop.Tests.CartTests.Total_Empty_IsZero", "Shop.Tests.CartTests.Total_LeadingZero_Ignored", "Shop.Tests.CartTests.Total_TwoItems_Sums"], slice.TestIds.Order(StringComparer.Ordinal));
        Assert.Contains(new SourceLine("Shop/Cart.cs", 10), slice.Lines);
        Assert.DoesNotContain(new SourceLine("Shop/Cart.cs", 15), slice.Lines);
        Assert.All(slice.Lines, l => Assert.Equal("Shop/Cart.cs", l.File));
    }

    [Fact]
    public void RunAsync_LeavesNoResultsOrProcessesBehind()
    {
        _ = solution.FullRun;

        Assert.DoesNotContain(solution.Project.Entries(), e => e.Contains("TestResults", StringComparison.Ordinal) || e.EndsWith(".trx", StringComparison.Ordinal));
        Assert.Empty(SampleProject.ProcessesMentioning(solution.Project.Path));
    }

    [Fact]
    public async Task RunAsync_OnlyWithoutBuild_RunsTheFilteredTests()
    {
        Assert.NotEmpty(solution.FullRun.Tests);

        var result = await solution.Runner.RunAsync(new TestRunRequest(solution.Project.Path)
        {
            NoBuild = true,
            Only = ["Shop.Tests.CartTests.Total_LeadingZero_Ignored", "Shop.Tests.CartTests.Total_Empty_IsZero"],
        });

        Assert.True(result.Problem is null, result.Problem + "\n" + result.Output);
        Assert.Contains("--no-build", result.Command, StringComparison.Ordinal);
        Assert.Equal(3, result.Passed);
        Assert.Equal(3, result.Tests.Count);
    }

    [Fact]
    public async Task RunAsync_UserCommand_GetsTheTrxLoggerAppended()
    {
        Assert.NotEmpty(solution.FullRun.Tests);

        var result = await solution.Runner.RunAsync(new TestRunRequest(solution.Project.Path) { Command = "dotnet test Shop.slnx --no-build" });

        Assert.Null(result.Problem);
        Assert.StartsWith("dotnet test Shop.slnx --no-build --logger", result.Command, StringComparison.Ordinal);
        Assert.Equal("Shop.Tests.CartTests.Total_TwoItems_Sums", Assert.Single(result.Failures).Id);
        Assert.Equal(5, result.Tests.Count);
    }
}
