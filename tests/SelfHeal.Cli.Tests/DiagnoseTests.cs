using System.Text.Json;
using SelfHeal.Tests.Support;

namespace SelfHeal.Cli.Tests;

/// <summary><c>selfheal diagnose</c> end to end, on real fixture repositories with their real toolchains.</summary>
[Collection(nameof(SlowCliCollection))]
public sealed class DiagnoseTests : IDisposable
{
    private readonly CliProcess _cli = new();

    [Fact]
    public async Task Diagnose_CSharpFixture_ReproducesFailuresAndRanksTheBuggyLine()
    {
        Requires.Tool("dotnet");
        using var fixture = await FixtureRepository.CreateAsync("csharp/invoice-service");

        var result = await _cli.RunAsync("diagnose", "--repo", fixture.Path, "--json");

        Assert.True(result.ExitCode == 0, result.Output);
        var json = ParseJson(result);
        var failing = json.GetProperty("failingTests").EnumerateArray().Select(f => f.GetProperty("testId").GetString()).ToList();
        foreach (var expected in fixture.Instance.GetProperty("failing_tests").EnumerateArray())
        {
            Assert.Contains(expected.GetString(), failing);
        }
        AssertBuggyLineAmongSuspects(fixture, json, top: 5);
        await AssertCheckoutUntouchedAsync(fixture);
    }

    [Fact]
    public async Task Diagnose_PythonFixture_UsesPerTestCoverageAndFindsTheBug()
    {
        Requires.Tool("python3");
        using var fixture = await FixtureRepository.CreateAsync("python/invoice-volume-discount");

        var result = await _cli.RunAsync("diagnose", "--repo", fixture.Path, "--json");

        Assert.True(result.ExitCode == 0, result.Output);
        var json = ParseJson(result);
        Assert.Equal(2, json.GetProperty("failingTests").GetArrayLength());
        AssertBuggyLineAmongSuspects(fixture, json, top: 5);
        Assert.Contains(json.GetProperty("suspects").EnumerateArray().First().GetProperty("evidence").EnumerateArray(),
            e => e.GetProperty("signal").GetString() == "sbfl");
    }

    [Fact]
    public async Task Diagnose_LogOnlyWithoutTests_GoesOnFromTheStackTrace()
    {
        using var repo = await GitRepository.InitAsync();
        repo.Write("app/orders.py", "def total(order):\n    items = order.get('items')\n    return sum(i['price'] for i in items)\n");
        await repo.CommitAllAsync();
        using var dir = new TempDirectory();
        var log = Path.Combine(dir.Path, "crash.log");
        File.WriteAllText(log, """
            2026-11-20 10:01:02 ERROR request failed
            Traceback (most recent call last):
              File "/srv/deploy/releases/42/app/orders.py", line 3, in total
                return sum(i['price'] for i in items)
            TypeError: 'NoneType' object is not iterable
            """);

        var result = await _cli.RunAsync("diagnose", "--repo", repo.Path, "--log", log, "--json");

        Assert.True(result.ExitCode == 0, result.Output);
        var json = ParseJson(result);
        Assert.Equal(0, json.GetProperty("failingTests").GetArrayLength());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("fingerprint").GetString()));
        var top = json.GetProperty("suspects")[0];
        Assert.Equal("app/orders.py", top.GetProperty("file").GetString());
        Assert.Contains("No test framework", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diagnose_LogOnStdin_IsRead()
    {
        using var repo = await GitRepository.InitAsync();
        repo.Write("src/Cart.cs", "namespace Shop;\npublic class Cart\n{\n    public int Count(int[]? items) => items!.Length;\n}\n");
        await repo.CommitAllAsync();
        using var dir = new TempDirectory();
        var log = Path.Combine(dir.Path, "trace.txt");
        File.WriteAllText(log, """
            Unhandled exception. System.NullReferenceException: Object reference not set to an instance of an object.
               at Shop.Cart.Count(Int32[] items) in D:\a\shop\shop\src\Cart.cs:line 4
               at Shop.Program.Main(String[] args) in D:\a\shop\shop\src\Program.cs:line 9
            """);

        var result = await _cli.RunAsync(["diagnose", "--repo", repo.Path, "--log", "-", "--json"], log);

        Assert.True(result.ExitCode == 0, result.Output);
        var top = ParseJson(result).GetProperty("suspects")[0];
        Assert.Equal("src/Cart.cs", top.GetProperty("file").GetString());
        Assert.Equal(4, top.GetProperty("startLine").GetInt32());
    }

    [Fact]
    public async Task Diagnose_AllTestsPass_IsInconclusiveWithExit1()
    {
        Requires.Tool("python3");
        using var repo = await GitRepository.InitAsync();
        repo.Write("calc.py", "def add(a, b):\n    return a + b\n");
        repo.Write("tests/test_calc.py", "from calc import add\n\ndef test_add():\n    assert add(1, 2) == 3\n");
        repo.Write("conftest.py", "");
        await repo.CommitAllAsync();

        var result = await _cli.RunAsync("diagnose", "--repo", repo.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Every test passes", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunsAndRunsShow_AfterADiagnosis_ListTheRunAndItsTimeline()
    {
        using var repo = await GitRepository.InitAsync();
        repo.Write("README.md", "docs only");
        await repo.CommitAllAsync();
        await _cli.RunAsync("diagnose", "--repo", repo.Path, "--issue", "Checkout page is blank");

        var list = await _cli.RunAsync("runs", "--json");
        var runs = ParseJson(list);
        var id = runs[0].GetProperty("id").GetString()!;
        var show = await _cli.RunAsync("runs", "show", id);

        Assert.Equal("Checkout page is blank", runs[0].GetProperty("title").GetString());
        Assert.Contains("run created: Checkout page is blank", show.Output, StringComparison.Ordinal);
        Assert.Contains("reproduce started", show.Output, StringComparison.Ordinal);
        Assert.Contains("run finished", show.Output, StringComparison.Ordinal);
    }

    private static JsonElement ParseJson(CliResult result)
    {
        // stdout carries only the JSON; progress goes to stderr.
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.Clone();
    }

    private static void AssertBuggyLineAmongSuspects(FixtureRepository fixture, JsonElement json, int top)
    {
        var buggy = fixture.Instance.GetProperty("buggy_lines").EnumerateArray()
            .Select(b => (File: b.GetProperty("file").GetString(), Line: b.GetProperty("line").GetInt32())).ToList();
        var suspects = json.GetProperty("suspects").EnumerateArray().Take(top).ToList();
        Assert.True(
            suspects.Any(s => buggy.Any(b => b.File == s.GetProperty("file").GetString()
                && s.GetProperty("startLine").GetInt32() <= b.Line && b.Line <= s.GetProperty("endLine").GetInt32())),
            $"none of the top {top} suspects is a buggy line {string.Join(", ", buggy)}: {string.Join("; ", suspects.Select(s => s.ToString()))}");
    }

    private static async Task AssertCheckoutUntouchedAsync(FixtureRepository fixture)
    {
        Assert.Equal("", (await fixture.GitAsync("status", "--porcelain")).Trim());
        Assert.Equal("main", (await fixture.GitAsync("branch", "--show-current")).Trim());
        Assert.Single((await fixture.GitAsync("worktree", "list")).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    public void Dispose() => _cli.Dispose();
}

/// <summary>Slow end-to-end CLI tests run one at a time, apart from the fast ones.</summary>
[CollectionDefinition(nameof(SlowCliCollection), DisableParallelization = true)]
public sealed class SlowCliCollection;
