using System.Text.Json;
using SelfHeal.Processes;
using SelfHeal.Tests.Support;

namespace SelfHeal.Cli.Tests;

/// <summary><c>selfheal fix</c> and <c>selfheal demo</c> end to end, on real fixtures with their real toolchains.</summary>
[Collection(nameof(SlowCliCollection))]
public sealed class FixTests : IDisposable
{
    private readonly CliProcess _cli = new();

    [Fact]
    public async Task Fix_PythonFixture_CommitsTheHumanFixOnANewBranchAndLeavesTheCheckoutAlone()
    {
        Requires.Tool("python3");
        using var fixture = await FixtureRepository.CreateAsync("python/invoice-volume-discount");
        var before = (await fixture.GitAsync("rev-parse", "HEAD")).Trim();

        var result = await _cli.RunAsync("fix", "--repo", fixture.Path, "--json");

        Assert.True(result.ExitCode == 0, result.Output);
        using var json = JsonDocument.Parse(result.Stdout);
        var branch = json.RootElement.GetProperty("delivery").GetProperty("branch").GetString()!;
        Assert.StartsWith("selfheal/", branch, StringComparison.Ordinal);
        // The branch holds exactly the human fix's change.
        await fixture.GitAsync("checkout", "-q", branch);
        await fixture.GitAsync("apply", "-R", "--check", Path.Combine(fixture.FixturePath, "fix.patch"));
        var message = await fixture.GitAsync("log", "-1", "--format=%B");
        Assert.Contains("Tests that now pass: tests/test_pricing.py::", message, StringComparison.Ordinal);
        Assert.Contains("SelfHeal-Run: ", message, StringComparison.Ordinal);
        await fixture.GitAsync("checkout", "-q", "main");
        Assert.Equal(before, (await fixture.GitAsync("rev-parse", "main")).Trim());
        Assert.Equal("", (await fixture.GitAsync("status", "--porcelain")).Trim());
        Assert.Single((await fixture.GitAsync("worktree", "list")).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var report = json.RootElement.GetProperty("delivery").GetProperty("reportPath").GetString()!;
        var markdown = await File.ReadAllTextAsync(report);
        Assert.Contains("## The fix", markdown, StringComparison.Ordinal);
        // A one-line boundary fix of ordinary code, reproduced and proven by the whole suite: high confidence, medium risk.
        var decision = json.RootElement.GetProperty("decision");
        Assert.Equal("matrix:high/medium", decision.GetProperty("rule").GetString());
        Assert.Equal("oneReview", decision.GetProperty("action").GetString());
        Assert.Equal(["security-scan", "compile", "targeted-tests", "regression", "performance", "e2e"],
            json.RootElement.GetProperty("verdict").GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("layer").GetString()));
        Assert.Contains("**one-review**, by rule `matrix:high/medium` (default)", markdown, StringComparison.Ordinal);
        Assert.Contains("SelfHeal-Decision: one-review matrix:high/medium", message, StringComparison.Ordinal);

        // The fix commit carries an Agent Trace record, and blame tells its line from the human ones.
        var trace = await _cli.RunAsync("trace", branch, "--repo", fixture.Path, "--json");
        Assert.True(trace.ExitCode == 0, trace.Output);
        using var record = JsonDocument.Parse(trace.Stdout);
        Assert.Equal("billing/pricing.py", record.RootElement.GetProperty("files")[0].GetProperty("path").GetString());
        Assert.Equal("ai", record.RootElement.GetProperty("files")[0].GetProperty("conversations")[0].GetProperty("contributor").GetProperty("type").GetString());
        var blame = await _cli.RunAsync("blame", "billing/pricing.py", "--rev", branch, "--repo", fixture.Path, "--json");
        Assert.True(blame.ExitCode == 0, blame.Output);
        using var lines = JsonDocument.Parse(blame.Stdout);
        var ai = Assert.Single(lines.RootElement.GetProperty("lines").EnumerateArray(), l => l.GetProperty("contributor").GetString() == "ai");
        Assert.Equal(21, ai.GetProperty("line").GetInt32());
        Assert.Equal(json.RootElement.GetProperty("runId").GetString(), ai.GetProperty("runId").GetString());
        var none = await _cli.RunAsync("trace", "main", "--repo", fixture.Path);
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("has no Agent Trace record", none.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fix_RepositoryAsksForAnEndToEndCheck_OutputAndTimelineShowTheEvidenceAndTheDecision()
    {
        Requires.Tool("python3");
        using var fixture = await FixtureRepository.CreateAsync("python/invoice-volume-discount");
        await File.WriteAllTextAsync(Path.Combine(fixture.Path, ".selfheal.yml"), """
            validation:
              e2e:
                command: python3 -c "from decimal import Decimal; from billing.pricing import discount_rate; assert discount_rate(50) == Decimal('0.10')"
            decision:
              matrix:
                high: { medium: two-reviews }
            """);
        await fixture.GitAsync("add", "-A");
        await fixture.GitAsync("-c", "user.name=Fixture", "-c", "user.email=fixture@example.com", "commit", "-q", "-m", "SelfHeal settings");

        var result = await _cli.RunAsync("fix", "--repo", fixture.Path);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("Decision: TWO-REVIEWS by rule matrix:high/medium (.selfheal.yml)", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"\n  e2e +passed +the end-to-end command succeeded", result.Stdout);
        Assert.Matches(@"\n  regression +passed +\d+ tests pass", result.Stdout);
        var runId = result.Stdout.Split('\n').Single(l => l.StartsWith("Timeline: selfheal runs show ", StringComparison.Ordinal))["Timeline: selfheal runs show ".Length..].Trim();
        var timeline = await _cli.RunAsync("runs", "show", runId);
        Assert.Contains("decision: two-reviews by rule matrix:high/medium (.selfheal.yml)", timeline.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"verdict \d+: Plausible — security-scan passed, compile skipped, targeted-tests passed, regression passed, performance skipped, e2e passed", timeline.Stdout);
    }

    [Fact]
    public async Task Fix_NoTemplateFixesTheBug_ExitsOneWithoutABranch()
    {
        Requires.Tool("python3");
        using var repo = await GitRepository.InitAsync();
        repo.Write("conftest.py", "");
        repo.Write("circle.py", "def area(radius):\n    return 3 * radius\n");
        repo.Write("tests/test_circle.py", "import math\nfrom circle import area\n\ndef test_area():\n    assert math.isclose(area(3.0), 28.274333882308138)\n");
        await repo.CommitAllAsync();

        var result = await _cli.RunAsync("fix", "--repo", repo.Path, "--time-budget", "60s");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No plausible fix found", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("selfheal/", await repo.GitAsync("branch", "--list"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fix_BadTimeBudget_IsBadInput()
    {
        var result = await _cli.RunAsync("fix", "--repo", ".", "--time-budget", "soon");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not a duration", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fix_PullRequestGitHub_OpensADraftThroughTheGitHubApiWithTheBranchPushed()
    {
        using var fixture = await FixtureRepository.CreateAsync("python/invoice-volume-discount");
        using var remote = new TempDirectory("selfheal-github-remote");
        var bare = remote.Combine("shop.git");
        await fixture.GitAsync("init", "-q", "--bare", "-b", "main", bare);
        await fixture.GitAsync("push", "-q", bare, "main");
        await using var github = new FakeGitHubServer("octo/shop", TimeProvider.System) { Token = "ghp_clitesttoken0123456789", BareRepository = bare };

        var result = await _cli.RunAsync(["fix", "--repo", fixture.Path, "--pull-request", "github", "--json"], null, TimeSpan.FromMinutes(10), new Dictionary<string, string?>
        {
            ["Delivery__GitHub__ApiUrl"] = github.BaseUrl.ToString(),
            ["Delivery__GitHub__Repository"] = "octo/shop",
            ["Delivery__GitHub__PushUrl"] = bare,
            ["GITHUB_TOKEN"] = "ghp_clitesttoken0123456789",
        });

        Assert.True(result.ExitCode == 0, result.Output);
        using var json = JsonDocument.Parse(result.Stdout);
        var pullRequest = json.RootElement.GetProperty("pullRequest");
        Assert.Equal("github", pullRequest.GetProperty("provider").GetString());
        var number = int.Parse(pullRequest.GetProperty("number").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var pull = github.Pull(number);
        Assert.Equal(json.RootElement.GetProperty("delivery").GetProperty("branch").GetString(), (string)pull["head"]!["ref"]!);
        Assert.Contains("## Validation evidence", (string)pull["body"]!, StringComparison.Ordinal);
        Assert.Contains("selfheal", github.Labels(number));
        Assert.DoesNotContain("ghp_clitesttoken0123456789", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_BundledCSharpSample_IsFixedEndToEnd()
    {
        Requires.Tool("dotnet");

        var result = await _cli.RunAsync(["demo", "--json"], null, TimeSpan.FromMinutes(15));

        Assert.True(result.ExitCode == 0, result.Output);
        using var json = JsonDocument.Parse(result.Stdout);
        var patch = json.RootElement.GetProperty("patch");
        Assert.Equal("src/InvoiceService/DiscountPolicy.cs", patch.GetProperty("file").GetString());
        Assert.Contains("+            if (subtotal >= tier.Threshold)", patch.GetProperty("diff").GetString(), StringComparison.Ordinal);
        var kept = result.Stderr.Split('\n').Single(l => l.Contains("is kept at", StringComparison.Ordinal));
        var folder = Path.GetDirectoryName(kept[(kept.IndexOf(" at ", StringComparison.Ordinal) + 4)..].Trim())!;
        try
        {
            // Delivered to the bare remote beside the sample: the branch, the request, and the Agent Trace in the remote's notes.
            var pullRequest = json.RootElement.GetProperty("pullRequest");
            Assert.Equal("local", pullRequest.GetProperty("provider").GetString());
            Assert.True(pullRequest.GetProperty("draft").GetBoolean(), "one-review decisions open a draft");
            var remote = Path.Combine(folder, "origin.git");
            var branch = json.RootElement.GetProperty("delivery").GetProperty("branch").GetString()!;
            var commit = json.RootElement.GetProperty("delivery").GetProperty("commit").GetString()!;
            Assert.Equal(commit, (await Git(remote, "rev-parse", $"refs/heads/{branch}")).Trim());
            var body = await Git(remote, "show", $"refs/selfheal/requests/{pullRequest.GetProperty("number").GetString()}:body.md");
            Assert.Contains("## Validation evidence", body, StringComparison.Ordinal);
            Assert.Contains("subtotal >= tier.Threshold", body, StringComparison.Ordinal);
            using var trace = JsonDocument.Parse(await Git(remote, "notes", "--ref", "agent-trace", "show", commit));
            Assert.Equal("src/InvoiceService/DiscountPolicy.cs", trace.RootElement.GetProperty("files")[0].GetProperty("path").GetString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> Git(string gitDir, params string[] arguments)
    {
        var result = await Requires.Processes.RunAsync(new CommandSpec("git", ["--git-dir", gitDir, .. arguments], gitDir));
        Assert.True(result.Succeeded, $"git {string.Join(' ', arguments)} failed: {result.Output}");
        return result.Output;
    }

    public void Dispose() => _cli.Dispose();
}
