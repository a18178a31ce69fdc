using SelfHeal.Coverage;
using SelfHeal.Testing;

namespace SelfHeal.Tests.Localization;

public class CoverageRunMemoTests
{
    [Fact]
    public void Take_SameWorkspaceCommandAndTests_ReturnsTheRunOnce()
    {
        var memo = new CoverageRunMemo(_ => true);
        var run = FakeTestRunner.Result("dotnet", [("A.T1", false)], new CoverageReport([FakeTestRunner.Slice(["A.T1"], "src/a.cs", 3)]));

        memo.Put("/ws", "dotnet test", ["A.T2", "A.T1"], run);

        Assert.Null(memo.Take("/ws", "dotnet test", ["A.T1"]));
        Assert.Null(memo.Take("/other", "dotnet test", ["A.T1", "A.T2"]));
        Assert.Same(run, memo.Take("/ws", "dotnet test", ["A.T1", "A.T2"]));
        Assert.Null(memo.Take("/ws", "dotnet test", ["A.T1", "A.T2"]));
    }

    [Fact]
    public void Put_RunWithoutCoverage_IsNotKept()
    {
        var memo = new CoverageRunMemo(_ => true);

        memo.Put("/ws", null, ["A.T1"], FakeTestRunner.Result("dotnet", [("A.T1", false)], null));

        Assert.Null(memo.Take("/ws", null, ["A.T1"]));
    }
}
