using System.Text.Json;
using SelfHeal.Decisions;
using SelfHeal.Delivery;
using SelfHeal.Localization;
using SelfHeal.Reports;
using SelfHeal.Runs;
using SelfHeal.Tests.Decisions;

namespace SelfHeal.Tests.Delivery;

/// <summary>The report and the commit message say the decision, the rule, its factors and the validation evidence.</summary>
public sealed class FixReportTests
{
    private const string RunId = "20261123-101500-abcd";

    [Fact]
    public void Markdown_DecidedRun_ShowsTheDecisionRuleFactorsAndEvidence()
    {
        var (state, events) = Run();

        var md = FixReport.Markdown(RunId, state, events);

        Assert.Contains("**Decision:** one-review — rule `matrix:high/medium` (default)", md, StringComparison.Ordinal);
        Assert.Contains("## Decision\n\n**one-review**, by rule `matrix:high/medium` (default). One review: high confidence (0.75)", md, StringComparison.Ordinal);
        Assert.Contains("| reproduced | +0.35 | 1 reproduced failing test(s) now pass |", md, StringComparison.Ordinal);
        Assert.Contains("| coverage | 0.00 | unknown: no per-test coverage of the changed lines |", md, StringComparison.Ordinal);
        Assert.Contains("Risk **medium**:\n\n- medium: `src/Shop/Cart.cs` — application code", md, StringComparison.Ordinal);
        Assert.Contains("## Validation evidence", md, StringComparison.Ordinal);
        Assert.Contains("| regression | passed | 0.0 |  | 42 tests pass (42 passed, 0 failed, 0 skipped; before: 41 passed, 1 failed, 0 skipped) |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_EscalatedRun_ListsWhy()
    {
        var (state, events) = Run(reproduced: 0);

        var md = FixReport.Markdown(RunId, state, events);

        Assert.Contains("**blocked-and-escalated**, by rule `escalate:no-reproduction`", md, StringComparison.Ordinal);
        Assert.Contains("- escalated: no-reproduction: no failing test reproduced the bug", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_DecidedRun_HoldsTheDecisionAndTheChosenVerdict()
    {
        var (state, events) = Run();

        using var json = JsonDocument.Parse(FixReport.Json(RunId, state, events));

        var decision = json.RootElement.GetProperty("decision");
        Assert.Equal("oneReview", decision.GetProperty("action").GetString());
        Assert.Equal("matrix:high/medium", decision.GetProperty("rule").GetString());
        Assert.Equal(9, decision.GetProperty("confidence").GetProperty("factors").GetArrayLength());
        var evidence = json.RootElement.GetProperty("verdict").GetProperty("evidence");
        Assert.Equal("security-scan", evidence[0].GetProperty("layer").GetString());
        Assert.Contains(json.RootElement.GetProperty("events").EnumerateArray(), e => e.GetProperty("event").GetProperty("type").GetString() == "decision.made");
    }

    [Fact]
    public void Events_RoundTripThroughTheRunJson_FoldToTheSameDecision()
    {
        var (state, events) = Run();

        var restored = events.Select(e => e with { Event = JsonSerializer.Deserialize<RunEvent>(JsonSerializer.Serialize(e.Event, RunJson.Options), RunJson.Options)! }).ToList();
        var folded = RunState.Fold(restored);

        Assert.Equal(state.Decision!.Rule, folded.Decision!.Rule);
        Assert.Equal(state.Decision.Confidence.Factors, folded.Decision.Confidence.Factors);
        Assert.Equal(state.PatchVerdict!.Evidence.Select(e => e.Layer), folded.PatchVerdict!.Evidence.Select(e => e.Layer));
    }

    [Fact]
    public void CommitMessage_DecidedRun_StatesTheDecisionAndTheLayersThatPassed()
    {
        var (state, _) = Run();

        var message = LocalDeliverStage.CommitMessage(RunId, state, state.Patch!);

        Assert.Contains("Validated: security-scan, compile, targeted-tests, regression passed;", message, StringComparison.Ordinal);
        Assert.Contains("Decision: one-review (rule matrix:high/medium, confidence 0.75, risk medium)", message, StringComparison.Ordinal);
        Assert.Contains("SelfHeal-Decision: one-review matrix:high/medium", message, StringComparison.Ordinal);
    }

    internal static (RunState State, IReadOnlyList<RunEventEnvelope> Events) Run(int reproduced = 1)
    {
        var input = DecisionDiffs.Input(DecisionDiffs.BoundaryFix, reproduced: reproduced);
        var decision = Decider.Decide(input, DecisionPolicy.From(new DecisionOptions()));
        var suspect = new Suspect("src/Shop/Cart.cs", 44, 44, "Cart.Discount", 0.8, []);
        RunEvent[] events =
        [
            new RunCreated(new BugReport("Discount missing at exactly 10 units"), new RunTarget("/repo", null, null, false)),
            .. reproduced > 0 ? new RunEvent[] { new FailureReproduced("Shop.Tests.CartTests.Discount_AtTen", "Expected 0.05", null) } : [],
            new SuspectFound(1, suspect),
            new CandidateTested(1, "csharp-templates", "relational-boundary", "replace '>' with '>='", "src/Shop/Cart.cs", 44, CandidateVerdict.Plausible, reproduced, TimeSpan.FromSeconds(3), "passed"),
            new VerdictRecorded(1, input.Verdict),
            new PatchChosen("csharp-templates", "relational-boundary", "replace '>' with '>='", "src/Shop/Cart.cs", 44, DecisionDiffs.BoundaryFix, [], ["Shop.Tests.CartTests.Discount_AtTen"]),
            new DecisionMade(decision),
            new RunFinished(RunOutcome.Completed, "all stages completed"),
        ];
        var start = new DateTimeOffset(2026, 11, 23, 10, 15, 0, TimeSpan.Zero);
        var envelopes = events.Select((e, i) => new RunEventEnvelope(RunId, i + 1, start.AddSeconds(i), e)).ToList();
        return (RunState.Fold(envelopes), envelopes);
    }
}
