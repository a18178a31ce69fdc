using Microsoft.Extensions.Options;
using SelfHeal.Coverage;
using SelfHeal.Localization;
using SelfHeal.Localization.Coverage;
using SelfHeal.Testing;

namespace SelfHeal.Tests.Localization;

public class CoverageCollectorTests
{
    private const string Failing = "Shop.Tests.CartTests.Total_AtDiscountThreshold_AppliesBulkDiscount";

    [Fact]
    public async Task CollectAsync_OneSlicePerRun_RunsOnlyTheFailingTestsWithoutBuilding()
    {
        var runner = new FakeTestRunner("dotnet", request => FakeTestRunner.Result("dotnet", request.Only.Select(id => (id, false)),
            new CoverageReport([FakeTestRunner.Slice(request.Only, "src/Shop/Cart.cs", 31, 32)])));
        var collector = new CoverageCollector(new FakeTestRunnerResolver(runner), Options.Create(new LocalizeOptions()));

        var collected = await collector.CollectAsync("/ws", "dotnet test", [Failing], []);

        var request = Assert.Single(runner.Requests);
        Assert.Equal([Failing], request.Only);
        Assert.True(request.CollectCoverage);
        Assert.True(request.NoBuild);
        Assert.Equal("dotnet test", request.Command);
        var slice = Assert.Single(collected.Spectrum);
        Assert.True(slice.Failing);
        Assert.Single(collected.Runs);
        Assert.Null(collected.Note);
    }

    [Fact]
    public async Task CollectAsync_OneSlicePerRunWithOtherTestsKnown_RunsTheRestForThePassingSlice()
    {
        const string other = "Shop.Tests.CartTests.Total_WithoutDiscount_SumsLines";
        var runner = new FakeTestRunner("dotnet", request => FakeTestRunner.Result("dotnet", request.Only.Select(id => (id, id == other)),
            new CoverageReport([FakeTestRunner.Slice(request.Only, "src/Shop/Cart.cs", request.Only.Contains(other) ? [31] : [31, 32])])));
        var collector = new CoverageCollector(new FakeTestRunnerResolver(runner), Options.Create(new LocalizeOptions()));

        var collected = await collector.CollectAsync("/ws", null, [Failing], [Failing + "()", other]);

        Assert.Equal([[Failing], [other]], runner.Requests.Select(r => r.Only));
        Assert.All(runner.Requests, r => Assert.True(r.NoBuild && r.CollectCoverage));
        Assert.Equal([true, false], collected.Spectrum.Select(s => s.Failing));
        Assert.Equal(2, collected.Runs.Count);
    }

    [Fact]
    public async Task CollectAsync_FailingRunRemembered_RunsOnlyTheOtherTestsInClassGroups()
    {
        string[] others = ["Shop.Tests.CartTests.Other", "Shop.Tests.PriceTests.One", "Shop.Tests.PriceTests.Two"];
        var runner = new FakeTestRunner("dotnet", request => FakeTestRunner.Result("dotnet", request.Only.Select(id => (id, true)),
            new CoverageReport([FakeTestRunner.Slice(request.Only, "src/Shop/Cart.cs", 31)])));
        var memo = new CoverageRunMemo(_ => true);
        var rerun = FakeTestRunner.Result("dotnet", [(Failing, false)], new CoverageReport([FakeTestRunner.Slice([Failing], "src/Shop/Cart.cs", 31, 32)]));
        memo.Put("/ws", null, [Failing], rerun);
        var collector = new CoverageCollector(new FakeTestRunnerResolver(runner), Options.Create(new LocalizeOptions { PassingCoverageRuns = 2 }), memo);

        var collected = await collector.CollectAsync("/ws", null, [Failing], [Failing, .. others]);

        Assert.Equal([["Shop.Tests.PriceTests.One", "Shop.Tests.PriceTests.Two"], ["Shop.Tests.CartTests.Other"]], runner.Requests.Select(r => r.Only));
        Assert.Equal([true, false, false], collected.Spectrum.Select(s => s.Failing));
        Assert.Equal(2, collected.Runs.Count);
        Assert.Null(memo.Take("/ws", null, [Failing]));
    }

    [Fact]
    public async Task TestCatalog_CSharpTests_AreListedByFullyQualifiedName()
    {
        using var inputs = await SignalTestInputs.CreateAsync("shop-cs");

        Assert.Equal(["Shop.Tests.CartTests.Total_AtDiscountThreshold_AppliesBulkDiscount", "Shop.Tests.CartTests.Total_WithoutDiscount_SumsLines"], TestCatalog.DotnetTestIds(inputs.Tree));
    }

    [Fact]
    public async Task CollectAsync_PerTestRunner_RunsEverythingOnceAndLabelsSlicesByTest()
    {
        const string failing = "tests/test_cart.py::test_total_at_threshold_applies_discount";
        const string passing = "tests/test_cart.py::test_total_without_discount";
        var runner = new FakeTestRunner("pytest", _ => FakeTestRunner.Result("pytest", [(failing, false), (passing, true)],
            new CoverageReport([FakeTestRunner.Slice([failing + "|run"], "shop/cart.py", 29, 31, 32), FakeTestRunner.Slice([passing + "|run"], "shop/cart.py", 29, 31)])));
        var collector = new CoverageCollector(new FakeTestRunnerResolver(runner), Options.Create(new LocalizeOptions()));

        var collected = await collector.CollectAsync("/ws", null, [failing], []);

        Assert.Empty(Assert.Single(runner.Requests).Only);
        Assert.Equal([true, false], collected.Spectrum.Select(s => s.Failing));
    }

    [Fact]
    public async Task CollectAsync_UnlistedRunnerWithPerTestSlices_RunsEverythingForTheFullSpectrum()
    {
        string[] failing = ["pkg/TestA", "pkg/TestB"];
        var runner = new FakeTestRunner("go", request => request.Only.Count > 0
            ? FakeTestRunner.Result("go", request.Only.Select(id => (id, false)), new CoverageReport([.. request.Only.Select(id => FakeTestRunner.Slice([id], "cart.go", 14))]))
            : FakeTestRunner.Result("go", [("pkg/TestA", false), ("pkg/TestB", false), ("pkg/TestC", true)],
                new CoverageReport([FakeTestRunner.Slice(["pkg/TestA"], "cart.go", 14), FakeTestRunner.Slice(["pkg/TestB"], "cart.go", 14), FakeTestRunner.Slice(["pkg/TestC"], "cart.go", 15)])));
        var collector = new CoverageCollector(new FakeTestRunnerResolver(runner), Options.Create(new LocalizeOptions()));

        var collected = await collector.CollectAsync("/ws", null, failing, []);

        Assert.Equal(2, runner.Requests.Count);
        Assert.Equal([true, true, false], collected.Spectrum.Select(s => s.Failing));
        Assert.Equal(2, collected.Runs.Count);
    }

    [Fact]
    public async Task CollectAsync_RunnerGivesNoCoverage_SkipsWithANote()
    {
        var runner = new FakeTestRunner("generic", request => FakeTestRunner.Result("generic", request.Only.Select(id => (id, false)), coverage: null));
        var collector = new CoverageCollector(new FakeTestRunnerResolver(runner), Options.Create(new LocalizeOptions()));

        var collected = await collector.CollectAsync("/ws", "make test", [Failing], []);

        Assert.Empty(collected.Spectrum);
        Assert.Equal("the generic runner gave no coverage; no spectrum", collected.Note);
    }

    [Fact]
    public async Task CollectAsync_NoRunner_RunsNothing()
    {
        var collector = new CoverageCollector(new FakeTestRunnerResolver(null), Options.Create(new LocalizeOptions()));

        var collected = await collector.CollectAsync("/ws", null, [Failing], []);

        Assert.Empty(collected.Runs);
        Assert.Contains("no test runner", collected.Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Shop.Tests.CartTests.Total(x: 1)", "Shop.Tests.CartTests.Total", true)]
    [InlineData("tests/test_cart.py::test_total[1-2]|run", "tests/test_cart.py::test_total", true)]
    [InlineData("CartTests.Total", "Shop.Tests.CartTests.Total", true)]
    [InlineData("Shop.Tests.CartTests.Total", "Shop.Tests.CartTests.Totals", false)]
    [InlineData("Shop.Tests.CartTests.SubTotal", "Shop.Tests.CartTests.Total", false)]
    public void Same_TestIdsAcrossForms_Compare(string a, string b, bool same) => Assert.Equal(same, TestIds.Same(a, b));

    [Theory]
    [InlineData("Shop.Tests.CartTests.Total_AppliesDiscount(amount: 100)", "CartTests", "Total_AppliesDiscount")]
    [InlineData("tests/test_cart.py::TestCart::test_total[a]", "TestCart", "test_total")]
    [InlineData("tests/test_cart.py::test_total", null, "test_total")]
    [InlineData("shop/TestTotal", null, "TestTotal")]
    [InlineData("cart > applies the discount", null, "applies the discount")]
    public void Parse_TestIds_GiveClassAndMethod(string id, string? cls, string method) => Assert.Equal((cls, method), TestIds.Parse(id));

    [Fact]
    public void Result_FakeRunner_KeepsFailures() =>
        Assert.Equal(TestStatus.Failed, FakeTestRunner.Result("x", [("a", false)], null).Tests[0].Status);
}
