using System.Text.Json;
using SelfHeal.Tests.Support;

namespace SelfHeal.Cli.Tests;

/// <summary><c>selfheal bench</c> end to end: instance folders and SWE-bench JSONL against a local clone.</summary>
[Collection(nameof(SlowCliCollection))]
public sealed class BenchTests : IDisposable
{
    private readonly CliProcess _cli = new();
    private readonly TempDirectory _dir = new("selfheal-bench-cli");

    [Fact]
    public async Task Bench_InstanceFolder_ScoresThePlausibleAndCorrectFixAgainstABaseline()
    {
        Requires.Tool("python3");
        var source = Path.Combine(FixtureRepository.FixturesRoot, "python", "invoice-volume-discount");
        var instance = _dir.Combine("instances", "invoice");
        CopyDirectory(source, instance);
        var before = Directory.GetFiles(instance, "*", SearchOption.AllDirectories).Length;

        var result = await _cli.RunAsync(["bench", _dir.Combine("instances"), "--baseline", "--json"], null, TimeSpan.FromMinutes(10));

        Assert.True(result.ExitCode == 0, result.Output);
        using var json = JsonDocument.Parse(result.Stdout);
        var row = Assert.Single(json.RootElement.GetProperty("instances").EnumerateArray().ToList());
        Assert.Equal("python/invoice-volume-discount", row.GetProperty("id").GetString());
        Assert.True(row.GetProperty("plausible").GetBoolean(), result.Output);
        Assert.True(row.GetProperty("correct").GetBoolean(), result.Output);
        Assert.True(row.GetProperty("validated").GetInt32() >= 1);
        Assert.True(row.GetProperty("baselineSeconds").GetDouble() > 0);
        Assert.Contains("diff --git", row.GetProperty("patch").GetString(), StringComparison.Ordinal);
        var summary = json.RootElement.GetProperty("summary");
        Assert.Equal(1, summary.GetProperty("plausible").GetInt32());
        Assert.Equal(1, summary.GetProperty("correct").GetInt32());
        Assert.True(summary.GetProperty("generated").GetInt32() >= summary.GetProperty("validated").GetInt32());
        Assert.Contains("[1/1] python/invoice-volume-discount: plausible, correct", result.Stderr, StringComparison.Ordinal);
        // The instance folder is only read: the run worked on a scratch copy.
        Assert.Equal(before, Directory.GetFiles(instance, "*", SearchOption.AllDirectories).Length);
        Assert.False(Directory.Exists(Path.Combine(instance, "repo", ".git")));
    }

    [Fact]
    public async Task Bench_SweBenchJsonl_AppliesTheTestPatchAtTheBaseCommitAndWritesPredictions()
    {
        Requires.Tool("python3");
        using var clone = await GitRepository.InitAsync();
        clone.Write("conftest.py", "");
        clone.Write("calc/__init__.py", "");
        clone.Write("calc/ops.py", "def add(a, b):\n    \"\"\"The sum of a and b.\"\"\"\n    return a - b\n\n\ndef double(a):\n    return a * 2\n");
        clone.Write("tests/test_ops.py", "from calc.ops import add, double\n\n\ndef test_add_zero():\n    assert add(0, 0) == 0\n\n\ndef test_double():\n    assert double(4) == 8\n");
        var baseCommit = (await clone.CommitAllAsync("base")).Trim();
        clone.Write("README.md", "later work on main\n");
        await clone.CommitAllAsync("later");
        Directory.CreateDirectory(_dir.Combine("clones"));
        await GitAsync(_dir.Path, "clone", "-q", clone.Path, _dir.Combine("clones", "acme__calc"));
        var testPatch = "diff --git a/tests/test_ops.py b/tests/test_ops.py\n--- a/tests/test_ops.py\n+++ b/tests/test_ops.py\n@@ -7,3 +7,7 @@ def test_add_zero():\n \n def test_double():\n     assert double(4) == 8\n+\n+\n+def test_add():\n+    assert add(2, 3) == 5\n";
        var goldPatch = "diff --git a/calc/ops.py b/calc/ops.py\n--- a/calc/ops.py\n+++ b/calc/ops.py\n@@ -1,6 +1,6 @@\n def add(a, b):\n     \"\"\"The sum of a and b.\"\"\"\n-    return a - b\n+    return a + b\n \n \n def double(a):\n";
        var line = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["instance_id"] = "acme__calc-1",
            ["repo"] = "acme/calc",
            ["base_commit"] = baseCommit,
            ["problem_statement"] = "add(2, 3) returns -1 instead of 5",
            ["test_patch"] = testPatch,
            ["patch"] = goldPatch,
            ["FAIL_TO_PASS"] = "[\"tests/test_ops.py::test_add\"]",
            ["PASS_TO_PASS"] = new[] { "tests/test_ops.py::test_add_zero", "tests/test_ops.py::test_double" },
        });
        await File.WriteAllTextAsync(_dir.Combine("swe.jsonl"), line + "\n" + """{"instance_id": "ghost-1", "repo": "ghost/repo", "base_commit": "abc"}""" + "\n");
        var clonesBranches = await GitAsync(_dir.Combine("clones", "acme__calc"), "branch", "--list");

        var result = await _cli.RunAsync(["bench", _dir.Combine("swe.jsonl"), "--clones", _dir.Combine("clones"), "--predictions", _dir.Combine("predictions.jsonl"), "--json"], null, TimeSpan.FromMinutes(10));

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("skipped", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("no local clone of ghost/repo", result.Stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.Stdout);
        var row = Assert.Single(json.RootElement.GetProperty("instances").EnumerateArray().ToList());
        Assert.True(row.GetProperty("plausible").GetBoolean(), result.Output);
        Assert.True(row.GetProperty("correct").GetBoolean(), result.Output);
        Assert.True(row.GetProperty("failToPassFixed").GetBoolean(), result.Output);
        var prediction = JsonDocument.Parse(Assert.Single(await File.ReadAllLinesAsync(_dir.Combine("predictions.jsonl")))).RootElement;
        Assert.Equal("acme__calc-1", prediction.GetProperty("instance_id").GetString());
        Assert.Equal("selfheal-offline", prediction.GetProperty("model_name_or_path").GetString());
        var modelPatch = prediction.GetProperty("model_patch").GetString()!;
        Assert.Contains("+    return a + b", modelPatch, StringComparison.Ordinal);
        Assert.DoesNotContain("test_ops.py", modelPatch, StringComparison.Ordinal);
        // The local clone is only read.
        Assert.Equal(clonesBranches, await GitAsync(_dir.Combine("clones", "acme__calc"), "branch", "--list"));
    }

    [Fact]
    public async Task Bench_NothingToRun_IsBadInputThatSaysWhatAnInstanceIs()
    {
        Directory.CreateDirectory(_dir.Combine("empty"));

        var empty = await _cli.RunAsync("bench", _dir.Combine("empty"));
        var budget = await _cli.RunAsync("bench", _dir.Combine("empty"), "--time-budget", "later");

        Assert.Equal(2, empty.ExitCode);
        Assert.Contains("holds no instance.json", empty.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, budget.ExitCode);
        Assert.Contains("is not a duration", budget.Stderr, StringComparison.Ordinal);
    }

    private static async Task<string> GitAsync(string directory, params string[] arguments)
    {
        var result = await Requires.Processes.RunAsync(new SelfHeal.Processes.CommandSpec("git", arguments, directory));
        Assert.True(result.Succeeded, result.Output);
        return result.Output;
    }

    private static void CopyDirectory(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    public void Dispose()
    {
        _cli.Dispose();
        _dir.Dispose();
    }
}
