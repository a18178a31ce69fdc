using SelfHeal.Delivery.PullRequests;
using SelfHeal.Reports;
using SelfHeal.Runs;

namespace SelfHeal.Tests.Delivery.PullRequests;

/// <summary>The pull request explains itself, and untrusted report text cannot inject, mention or break out.</summary>
public sealed class PullRequestBodyTests
{
    private const string RunId = "20261123-101500-abcd";

    [Fact]
    public void Markdown_DecidedRun_HasEverySection()
    {
        var (state, _) = FixReportTests.Run();

        var body = PullRequestBody.Markdown(RunId, state);

        Assert.StartsWith("SelfHeal found, fixed and validated this bug automatically. **A human review is required before it merges.**", body, StringComparison.Ordinal);
        foreach (var section in new[] { "## The bug", "## Root cause", "## The change", "## Tests", "## Validation evidence", "## Decision", "## Alternatives tried", "## Cost", "## Agent Trace" })
        {
            Assert.Contains(section, body, StringComparison.Ordinal);
        }
        Assert.Contains("| failing before | `Shop.Tests.CartTests.Discount_AtTen` |", body, StringComparison.Ordinal);
        Assert.Contains("| whole suite after | 42 passed, 0 failed, 0 skipped |", body, StringComparison.Ordinal);
        Assert.Contains("**one-review**, by rule `matrix:high/medium` (default)", body, StringComparison.Ordinal);
        Assert.Contains("No model was called: the offline repair engine wrote this fix ($0.00).", body, StringComparison.Ordinal);
        Assert.Contains("`src/Shop/Cart.cs:44` in `Cart.Discount`", body, StringComparison.Ordinal);
        Assert.Equal("Fix: Discount missing at exactly 10 units", PullRequestBody.Title(state));
    }

    [Fact]
    public void Markdown_HostileReport_IsEscapedAndMentionsNobody()
    {
        var (state, _) = FixReportTests.Run();
        state = state with
        {
            Report = new BugReport("Crash <script>alert(1)</script>")
            {
                Description = "cc @octocat and @org/team | <img src=x onerror=alert(1)>",
                Links = [new BugLink("issue", "https://github.com/octo/shop/issues/12"), new BugLink("evil", "javascript:alert(1)")],
            },
        };

        var body = PullRequestBody.Markdown(RunId, state);

        Assert.DoesNotContain("<script>", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", body, StringComparison.Ordinal);
        Assert.DoesNotContain("@octocat", body, StringComparison.Ordinal);
        Assert.Contains("@\u200Boctocat", body, StringComparison.Ordinal);
        Assert.Contains("\\|", body, StringComparison.Ordinal);
        Assert.Contains("<https://github.com/octo/shop/issues/12>", body, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_DiffWithBackticks_FenceCannotBeClosedEarly()
    {
        var (state, _) = FixReportTests.Run();
        var diff = "--- a/README.md\n+++ b/README.md\n@@ -1 +1 @@\n-```\n+````\n";
        state = state with { Patch = state.Patch! with { Diff = diff } };

        var body = PullRequestBody.Markdown(RunId, state);

        Assert.Contains("`````diff\n" + diff + "`````\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_HugeDiff_IsLeftOutAndTheEvidenceKept()
    {
        var (state, _) = FixReportTests.Run();
        var diff = "--- a/big.txt\n+++ b/big.txt\n@@ -1 +1,5000 @@\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"+line {i} of generated data that goes on\n"));
        state = state with { Patch = state.Patch! with { Diff = diff } };

        var body = PullRequestBody.Markdown(RunId, state);

        Assert.True(body.Length < PullRequestBody.MaxLength, $"{body.Length} characters");
        Assert.Contains("_The diff is too long to repeat here; see the pull request's changes._", body, StringComparison.Ordinal);
        Assert.Contains("## Decision", body, StringComparison.Ordinal);
        Assert.Contains("## Agent Trace", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_RecordedTrace_SummarizesTheAiWrittenLines()
    {
        var (state, _) = FixReportTests.Run();
        var record = """{"version":"0.1","id":"x","timestamp":"2026-11-23T10:15:00Z","files":[{"path":"src/Shop/Cart.cs","conversations":[{"contributor":{"type":"ai","model_id":"selfheal/csharp-templates"},"ranges":[{"start_line":44,"end_line":45}]}]}]}""";
        state = state with { Trace = new TraceRecorded("0123456789abcdef0123", record) };

        var body = PullRequestBody.Markdown(RunId, state);

        Assert.Contains("2 line(s) in 1 file(s) were written by AI (`selfheal/csharp-templates`) in commit `0123456789ab`", body, StringComparison.Ordinal);
        Assert.Contains("| `src/Shop/Cart.cs` | 44–45 |", body, StringComparison.Ordinal);
    }
}
