using SelfHeal.Benchmarks;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Benchmarks;

public sealed class BenchInstanceLoaderTests : IDisposable
{
    private readonly TempDirectory _dir = new("selfheal-bench-load");

    [Fact]
    public void Load_FixturesFolder_ReadsEveryInstanceWithItsRepositoryAndTrueFix()
    {
        var result = BenchInstanceLoader.Load(FixtureRepository.FixturesRoot);

        Assert.Empty(result.Problems);
        Assert.True(result.Instances.Count >= 26, $"{result.Instances.Count} instances");
        var invoice = Assert.Single(result.Instances, i => i.Id == "python/invoice-volume-discount");
        Assert.EndsWith(Path.Combine("invoice-volume-discount", "repo"), invoice.Folder, StringComparison.Ordinal);
        Assert.StartsWith("diff --git", invoice.TrueFix, StringComparison.Ordinal);
        Assert.Equal("python", invoice.Language);
        Assert.NotEmpty(invoice.FailToPass);
        // Adversarial sandbox fixtures have no instance.json and are not benchmark instances.
        Assert.DoesNotContain(result.Instances, i => i.Id.Contains("adversarial", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_BadInstancesBesideGoodOnes_ReportsEachProblemAndKeepsTheGoodOnes()
    {
        Write("good/instance.json", """{"id": "good", "test_command": "pytest -q"}""");
        Write("good/app.py", "x = 1\n");
        Write("broken/instance.json", "{ not json");
        Write("escape/instance.json", """{"fix_patch": "../../etc/passwd"}""");
        Write("missing-fix/instance.json", """{"fix_patch": "fix.patch"}""");
        Write("wrong-type/instance.json", """{"failing_tests": "t1"}""");

        var result = BenchInstanceLoader.Load(_dir.Path);

        var good = Assert.Single(result.Instances);
        Assert.Equal("good", good.Id);
        Assert.Equal(_dir.Combine("good"), good.Folder);
        Assert.Equal("pytest -q", good.TestCommand);
        Assert.Equal(4, result.Problems.Count);
        Assert.Contains(result.Problems, p => p.Origin.Contains("broken", StringComparison.Ordinal) && p.Message.Contains("not valid JSON", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Origin.Contains("escape", StringComparison.Ordinal) && p.Message.Contains("outside the instance's folder", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Origin.Contains("missing-fix", StringComparison.Ordinal) && p.Message.Contains("does not exist", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Origin.Contains("wrong-type", StringComparison.Ordinal) && p.Message.Contains("not a JSON array", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_MissingPathOrEmptyFolder_SaysWhatAPathMustHold()
    {
        var missing = BenchInstanceLoader.Load(_dir.Combine("nowhere"));
        Directory.CreateDirectory(_dir.Combine("empty"));
        var empty = BenchInstanceLoader.Load(_dir.Combine("empty"));

        Assert.Contains("does not exist", Assert.Single(missing.Problems).Message, StringComparison.Ordinal);
        Assert.Contains("holds no instance.json", Assert.Single(empty.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SweBenchJsonl_FindsLocalClonesAndReadsListsWrittenAsStrings()
    {
        Directory.CreateDirectory(_dir.Combine("clones", "acme__billing", ".git"));
        Write("swe.jsonl", string.Join('\n',
            """{"instance_id": "acme__billing-1", "repo": "acme/billing", "base_commit": "abc123", "test_patch": "diff --git a/t b/t\n", "patch": "diff --git a/x b/x\n", "problem_statement": "Totals are wrong\nDetails", "FAIL_TO_PASS": "[\"tests/test_total.py::test_sum\"]", "PASS_TO_PASS": ["tests/test_total.py::test_empty"]}""",
            "",
            """{"instance_id": "other__lib-2", "repo": "other/lib", "base_commit": "def456"}""",
            """{"repo": "acme/billing"}""",
            "not json"));

        var result = BenchInstanceLoader.Load(_dir.Combine("swe.jsonl"), _dir.Combine("clones"));

        var instance = Assert.Single(result.Instances);
        Assert.Equal("acme__billing-1", instance.Id);
        Assert.Equal(_dir.Combine("clones", "acme__billing"), instance.CloneFrom);
        Assert.Equal("abc123", instance.BaseCommit);
        Assert.Equal(["tests/test_total.py::test_sum"], instance.FailToPass);
        Assert.Equal(["tests/test_total.py::test_empty"], instance.PassToPass);
        Assert.Equal(3, result.Problems.Count);
        Assert.Contains(result.Problems, p => p.Origin.EndsWith(":3", StringComparison.Ordinal) && p.Message.Contains("git clone https://github.com/other/lib", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Origin.EndsWith(":4", StringComparison.Ordinal) && p.Message.Contains("\"instance_id\" is missing", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Origin.EndsWith(":5", StringComparison.Ordinal) && p.Message.Contains("not valid JSON", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_SweBenchWithoutClones_SaysToGiveClones()
    {
        Write("swe.jsonl", """{"instance_id": "a-1", "repo": "a/b", "base_commit": "abc"}""");

        var result = BenchInstanceLoader.Load(_dir.Combine("swe.jsonl"));

        Assert.Contains("--clones", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    private void Write(string relative, string content)
    {
        var path = _dir.Combine(relative.Split('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public void Dispose() => _dir.Dispose();
}
