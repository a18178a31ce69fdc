using Microsoft.Extensions.Options;
using SelfHeal.Coverage;
using SelfHeal.Git;
using SelfHeal.Localization;
using SelfHeal.Localization.Coverage;
using SelfHeal.Pipeline;
using SelfHeal.Processes;
using SelfHeal.Reports;
using SelfHeal.Runs;
using SelfHeal.StackTraces;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Localization;

public class LocalizeStageTests
{
    private const string RunId = "20260102-030405-abcd";
    private const string FailingTest = SignalTestInputs.CSharpFailingTest;

    private const string StackTrace = """
           at Shop.Tests.CartTests.Total_AtDiscountThreshold_AppliesBulkDiscount() in /home/ci/shop/tests/Shop.Tests/CartTests.cs:line 21
           at System.RuntimeMethodHandle.InvokeMethod(Object target, Void** arguments, Signature sig, Boolean isConstructor)
           at System.Reflection.MethodBaseInvoker.InvokeWithNoArgs(Object obj, BindingFlags invokeAttr)
        """;

    [Fact]
    public async Task RunAsync_AssertionFailureWithCoverage_RanksTheBuggyComparisonFirst()
    {
        using var repo = await LocalizationTestData.GitRepositoryAsync("shop-cs");
        var runner = new FakeTestRunner("dotnet", request => FakeTestRunner.Result("dotnet", request.Only.Select(id => (id, id != FailingTest)), new CoverageReport(
        [
            new CoverageSlice(request.Only, new HashSet<SourceLine>
            {
                new("src/Shop/Cart.cs", 13), new("src/Shop/Cart.cs", 22), new("src/Shop/Cart.cs", 26), new("src/Shop/Cart.cs", 31),
                new("src/Shop/Cart.cs", 32), new("src/Shop/Cart.cs", 33), new("src/Shop/Cart.cs", 34), new("src/Shop/Discounts.cs", 16),
                new("src/Shop/Discounts.cs", 20), new("tests/Shop.Tests/CartTests.cs", request.Only.Contains(FailingTest) ? 19 : 11),
                new("tests/Shop.Tests/CartTests.cs", request.Only.Contains(FailingTest) ? 20 : 12),
                new("tests/Shop.Tests/CartTests.cs", request.Only.Contains(FailingTest) ? 21 : 13),
            }),
        ])));
        var (stage, store, context) = await CreateAsync(repo.Path, runner);

        var outcome = await stage.RunAsync(context);

        Assert.Null(outcome.StopWith);
        var suspects = context.State.Suspects;
        Assert.Equal(("src/Shop/Discounts.cs", 16, 16, "BulkDiscount.DiscountFor"), (suspects[0].File, suspects[0].StartLine, suspects[0].EndLine, suspects[0].Symbol));
        Assert.Equal($"{suspects.Count} suspects; top: src/Shop/Discounts.cs:16 (BulkDiscount.DiscountFor)", outcome.Summary);
        Assert.InRange(suspects.Count, 2, 10);
        Assert.All(suspects, s => Assert.InRange(s.Score, 0, 1));
        Assert.Equal(suspects.OrderByDescending(s => s.Score).Select(s => s.Score), suspects.Select(s => s.Score));
        Assert.Equal(["reach", "sbfl", "shape", "stack", "text"], suspects[0].Evidence.Select(e => e.Signal).Order());
        Assert.Equal(suspects[0].Score, suspects[0].Evidence.Sum(e => e.Contribution), 3);
        Assert.All(store.Events(RunId).OfType<TestRunCompleted>(), run => Assert.Equal("coverage", run.Purpose));
        Assert.Equal([[FailingTest], ["Shop.Tests.CartTests.Total_WithoutDiscount_SumsLines"]], runner.Requests.Select(r => r.Only));
        Assert.All(runner.Requests, r => Assert.True(r.NoBuild));
        var testSuspect = suspects.FirstOrDefault(s => s.File.StartsWith("tests/", StringComparison.Ordinal));
        Assert.True(testSuspect is null || testSuspect.Score < suspects[0].Score / 2);
    }

    [Fact]
    public async Task RunAsync_AssertionFailureWithoutCoverage_ReportAndReachStillFindTheComparison()
    {
        using var repo = await LocalizationTestData.GitRepositoryAsync("shop-cs");
        var (stage, _, context) = await CreateAsync(repo.Path, runner: null);

        var outcome = await stage.RunAsync(context);

        Assert.Null(outcome.StopWith);
        var top = context.State.Suspects[0];
        Assert.Equal(("src/Shop/Discounts.cs", 16), (top.File, top.StartLine));
        Assert.Contains(top.Evidence, e => e.Signal == "reach");
    }

    [Fact]
    public async Task RunAsync_ExceptionInCode_TopFrameLeads()
    {
        using var repo = await LocalizationTestData.GitRepositoryAsync("shop-cs");
        var (stage, _, context) = await CreateAsync(repo.Path, runner: null, trace: new TraceParsed(FailingTest, "dotnet", "System.ArgumentOutOfRangeException", "quantity must be positive", "fp",
        [
            SignalTestInputs.ProjectFrame("Shop.Cart.Add(String sku, Int32 quantity, Decimal unitPrice)", "src/Shop/Cart.cs", 24),
            SignalTestInputs.ProjectFrame("Shop.Tests.CartTests.Total_AtDiscountThreshold_AppliesBulkDiscount()", "tests/Shop.Tests/CartTests.cs", 20),
        ]));

        var outcome = await stage.RunAsync(context);

        Assert.Equal("Continue", outcome.StopWith is null ? "Continue" : "Stop");
        var top = context.State.Suspects[0];
        Assert.Equal(("src/Shop/Cart.cs", 24, "Cart.Add"), (top.File, top.StartLine, top.Symbol));
        var stack = Assert.Single(top.Evidence, e => e.Signal == "stack");
        Assert.Contains("frame #1 of System.ArgumentOutOfRangeException in Shop.Cart.Add", stack.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_AlreadyLocalized_RecordsNothingNew()
    {
        using var repo = await LocalizationTestData.GitRepositoryAsync("shop-cs");
        var (stage, store, context) = await CreateAsync(repo.Path, runner: null);
        await stage.RunAsync(context);
        var count = store.Events(RunId).Count;

        var again = await stage.RunAsync(context);

        Assert.Equal(count, store.Events(RunId).Count);
        Assert.StartsWith($"{context.State.Suspects.Count} suspects; top: ", again.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NothingToGoOn_StopsInconclusive()
    {
        using var repo = await LocalizationTestData.GitRepositoryAsync("shop-cs");
        var (stage, _, context) = await CreateAsync(repo.Path, runner: null, report: new BugReport(" "), failures: false);

        var outcome = await stage.RunAsync(context);

        Assert.Equal(RunOutcome.Inconclusive, outcome.StopWith);
        Assert.Empty(context.State.Suspects);
    }

    [Fact]
    public async Task RunAsync_NoWorkspace_AbortsWithAMessage()
    {
        var store = new InMemoryRunStore();
        await store.AppendAsync(RunId, new RunCreated(new BugReport("x"), new RunTarget("/repo", null, null, false)));
        var context = new StageContext(RunId, (await store.GetAsync(RunId))!.State, store, null);

        var ex = await Assert.ThrowsAsync<RunAbortedException>(() => Stage(null).RunAsync(context));
        Assert.Contains("workspace", ex.Message, StringComparison.Ordinal);
    }

    private static LocalizeStage Stage(FakeTestRunner? runner)
    {
        var options = Options.Create(new LocalizeOptions());
        var git = new GitClient(new ProcessRunner());
        return new LocalizeStage(new CoverageCollector(new FakeTestRunnerResolver(runner), options), new SuspectLocalizer(git, options), git, options);
    }

    private static async Task<(LocalizeStage Stage, InMemoryRunStore Store, StageContext Context)> CreateAsync(
        string repository, FakeTestRunner? runner, TraceParsed? trace = null, BugReport? report = null, bool failures = true)
    {
        var store = new InMemoryRunStore();
        report ??= new BugReport("Bulk discount not applied at exactly 100")
        {
            Description = "Orders of exactly 100.00 should get the 10% bulk discount, but they pay full price.",
        };
        await store.AppendAsync(RunId, new RunCreated(report, new RunTarget(repository, null, null, false)));
        var head = (await LocalizationTestData.GitAsync(repository, "rev-parse", "HEAD")).Trim();
        await store.AppendAsync(RunId, new WorkspacePrepared(repository, head, [], []));
        if (failures)
        {
            await store.AppendAsync(RunId, new FailureReproduced(FailingTest, "Assert.Equal() Failure: Values differ\nExpected: 90\nActual:   100", StackTrace));
            trace ??= new TraceParsed(FailingTest, "dotnet", "Xunit.Sdk.EqualException", "Assert.Equal() Failure: Values differ", "fp",
            [
                new StackFrame("Shop.Tests.CartTests.Total_AtDiscountThreshold_AppliesBulkDiscount()", "/home/ci/shop/tests/Shop.Tests/CartTests.cs", 21)
                {
                    RepoPath = "tests/Shop.Tests/CartTests.cs",
                    IsProjectFrame = true,
                },
                new StackFrame("System.RuntimeMethodHandle.InvokeMethod(Object target, Void** arguments, Signature sig, Boolean isConstructor)", null, null),
            ]);
            await store.AppendAsync(RunId, trace);
        }
        var context = new StageContext(RunId, (await store.GetAsync(RunId))!.State, store, null);
        Requires.Tool("git");
        return (Stage(runner), store, context);
    }
}
