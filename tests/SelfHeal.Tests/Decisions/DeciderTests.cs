using SelfHeal.Decisions;
using SelfHeal.Localization;
using SelfHeal.Policy;
using SelfHeal.Reports;
using SelfHeal.Security;
using static SelfHeal.Tests.Decisions.DecisionDiffs;

namespace SelfHeal.Tests.Decisions;

/// <summary>Every decision rule, driven by real-shaped diffs and the evidence validation leaves.</summary>
public sealed class DeciderTests
{
    private static readonly DecisionPolicy Defaults = DecisionPolicy.From(new DecisionOptions { CorePaths = ["src/Billing/**"] });

    [Theory]
    [InlineData(CommentFix, "full", "csharp-templates", "matrix:high/low", DecisionAction.AutoMerge)]
    [InlineData(BoundaryFix, "full", "csharp-templates", "matrix:high/medium", DecisionAction.OneReview)]
    [InlineData(BillingCodeFix, "full", "csharp-templates", "matrix:high/high", DecisionAction.TwoReviews)]
    [InlineData(AuthFix, "full", "csharp-templates", "matrix:high/critical", DecisionAction.TwoReviews)]
    [InlineData(CommentFix, "targeted", "csharp-templates", "matrix:medium/low", DecisionAction.OneReview)]
    [InlineData(BoundaryFix, "targeted", "csharp-templates", "matrix:medium/medium", DecisionAction.OneReview)]
    [InlineData(BillingCodeFix, "targeted", "csharp-templates", "matrix:medium/high", DecisionAction.TwoReviews)]
    [InlineData(AuthFix, "targeted", "csharp-templates", "matrix:medium/critical", DecisionAction.BlockedEscalated)]
    [InlineData(CommentFix, "targeted", "llm-agent", "matrix:low/low", DecisionAction.OneReview)]
    [InlineData(BoundaryFix, "targeted", "llm-agent", "matrix:low/medium", DecisionAction.TwoReviews)]
    [InlineData(BillingCodeFix, "targeted", "llm-agent", "matrix:low/high", DecisionAction.BlockedEscalated)]
    [InlineData(AuthFix, "targeted", "llm-agent", "matrix:low/critical", DecisionAction.BlockedEscalated)]
    public void Decide_DefaultMatrix_EveryCellRecordsItsRule(string diff, string evidence, string engine, string rule, DecisionAction action)
    {
        var input = Input(diff, evidence == "full" ? FullEvidence() : TargetedOnly(), engine: engine);

        var decision = Decider.Decide(input, Defaults);

        Assert.Equal(rule, decision.Rule);
        Assert.Equal(action, decision.Action);
        Assert.Equal(DecisionMatrix.DefaultSource, decision.RuleSource);
        Assert.Empty(decision.Escalations);
    }

    [Fact]
    public void Decide_CommentOnlyChange_LowRiskSaysWhy()
    {
        var decision = Decider.Decide(Input(CommentFix), Defaults);

        var factor = Assert.Single(decision.Risk.Factors);
        Assert.Equal(new RiskFactor(RiskLevel.Low, "src/Billing/Rounding.cs", "only comments and blank lines change"), factor);
    }

    [Theory]
    [InlineData("src/native/ring.c", "--head;")]
    [InlineData("src/native/ring.c", "#define CAPACITY 64")]
    [InlineData("src/Shop/Cart.cs", "#if DEBUG")]
    public void Decide_LineThatOnlyLooksLikeAComment_IsCode(string path, string line)
    {
        var diff = LockFix.Replace("src/Shop/Counter.cs", path, StringComparison.Ordinal).Replace("{LINE}", line, StringComparison.Ordinal);

        var decision = Decider.Decide(Input(diff), Defaults);

        Assert.Equal(RiskLevel.Medium, decision.Risk.Level);
    }

    [Fact]
    public void Decide_FourFilesChanged_EscalatedAsManyFiles()
    {
        var decision = Decider.Decide(Input(FourFiles), Defaults);

        Assert.Equal(DecisionAction.BlockedEscalated, decision.Action);
        Assert.Equal("escalate:many-files", decision.Rule);
        Assert.StartsWith("many-files: 4 files change (more than 3)", decision.Escalations[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lock (_gate) { _total += amount; }", "lock (")]
    [InlineData("Interlocked.Add(ref _total, amount);", "Interlocked.Add")]
    [InlineData("Monitor.Enter(_gate); _total += amount; Monitor.Exit(_gate);", "Monitor.Enter")]
    [InlineData("_gate.Wait(); _total += amount; _gate.Release(); // _gate is a SemaphoreSlim", "SemaphoreSlim")]
    [InlineData("using var held = new SemaphoreSlim(1).WaitDisposable(); _total += amount;", "SemaphoreSlim")]
    public void Decide_ConcurrencyPrimitiveInTheDiff_EscalatedInsteadOfGuessing(string line, string token)
    {
        var decision = Decider.Decide(Input(LockFix.Replace("{LINE}", line, StringComparison.Ordinal)), Defaults);

        Assert.Equal("escalate:concurrency", decision.Rule);
        Assert.Contains($"'{token}", decision.Escalations[0], StringComparison.Ordinal);
        Assert.Contains("src/Shop/Counter.cs:14", decision.Escalations[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_PythonImportsThreading_EscalatedAsConcurrency()
    {
        var decision = Decider.Decide(Input(PythonThreadingFix, engine: "token-templates"), Defaults);

        Assert.Equal("escalate:concurrency", decision.Rule);
        Assert.Contains("worker/queue.py:2", decision.Escalations[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ConcurrencyEscalationTurnedOff_TheMatrixDecides()
    {
        var policy = DecisionPolicy.From(new DecisionOptions { EscalateConcurrency = false });

        var decision = Decider.Decide(Input(LockFix.Replace("{LINE}", "lock (_gate) { _total += amount; }", StringComparison.Ordinal)), policy);

        Assert.Equal("matrix:high/medium", decision.Rule);
    }

    [Fact]
    public void Decide_NothingReproducedTheBug_EscalatedAsNoReproduction()
    {
        var decision = Decider.Decide(Input(BoundaryFix, reproduced: 0), Defaults);

        Assert.Equal("escalate:no-reproduction", decision.Rule);
        Assert.Equal(DecisionAction.BlockedEscalated, decision.Action);
        Assert.Equal(0, decision.Confidence.Factors.Single(f => f.Name == "reproduced").Contribution);
    }

    [Fact]
    public void Decide_FixReplacesSqlConcatenation_FastTrackedForOneReviewInsteadOfBlocked()
    {
        var input = Input(SqlFix);

        var decision = Decider.Decide(input, Defaults);

        Assert.Equal(RiskLevel.Critical, decision.Risk.Level);
        Assert.Contains(decision.Risk.Factors, f => f.Reason.StartsWith("the patch changes code the scan flags as sql-injection", StringComparison.Ordinal));
        Assert.Equal(ConfidenceBand.Medium, decision.Confidence.Band);
        Assert.Equal(Decider.FastTrackRule, decision.Rule);
        Assert.Equal(DecisionAction.OneReview, decision.Action);
        Assert.Contains("instead of the matrix's blocked-and-escalated", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ReportDescribesASecurityBugInAuthCode_FastTracked()
    {
        var input = Input(AuthFix, report: new BugReport("Authentication bypass: tokens without an expiry are accepted forever"));

        var decision = Decider.Decide(input, Defaults);

        Assert.Equal(Decider.FastTrackRule, decision.Rule);
        Assert.Equal(DecisionAction.OneReview, decision.Action);
        Assert.Contains("'Authentication bypass'", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_SecurityFixThatAddsAFindingOfItsOwn_NoFastTrack()
    {
        var finding = new SecurityFinding(SecurityRuleIds.NewNetworkEndpoint, SecuritySeverity.Medium, "src/Auth/TokenValidator.cs", 54, "the patch introduces the network endpoint https://keys.example.net");
        var input = Input(AuthFix, FullEvidence(finding), report: new BugReport("Authentication bypass with expired tokens"));

        var decision = Decider.Decide(input, Defaults);

        Assert.Equal("matrix:medium/critical", decision.Rule);
        Assert.Equal(DecisionAction.BlockedEscalated, decision.Action);
        Assert.Equal(-0.15, decision.Confidence.Factors.Single(f => f.Name == "security-findings").Contribution, 3);
    }

    [Fact]
    public void Decide_RepositoryTurnsTheFastTrackOff_TheMatrixDecides()
    {
        var loaded = PatchPolicyLoader.Load(PatchPolicy.FromOptions(new PatchPolicyOptions()), "decision:\n  fast_track: false\n");
        var policy = DecisionPolicy.From(new DecisionOptions(), loaded.Decision);

        var decision = Decider.Decide(Input(AuthFix, report: new BugReport("Authentication bypass")), policy);

        Assert.Equal("matrix:high/critical", decision.Rule);
        Assert.Equal(DecisionAction.TwoReviews, decision.Action);
    }

    [Fact]
    public void Decide_RepositoryOverridesACell_TheRuleSaysItCameFromTheFile()
    {
        var loaded = PatchPolicyLoader.Load(PatchPolicy.FromOptions(new PatchPolicyOptions()), "decision:\n  matrix:\n    high: { medium: auto-merge }\n");
        Assert.True(loaded.Succeeded, loaded.Error);

        var decision = Decider.Decide(Input(BoundaryFix), DecisionPolicy.From(new DecisionOptions(), loaded.Decision));

        Assert.Equal(DecisionAction.AutoMerge, decision.Action);
        Assert.Equal("matrix:high/medium", decision.Rule);
        Assert.Equal(".selfheal.yml", decision.RuleSource);
    }

    [Fact]
    public void Decide_ServerSetsCriticalToAutoMerge_StillOneReview()
    {
        var policy = DecisionPolicy.From(new DecisionOptions { Matrix = new() { ["high/critical"] = DecisionAction.AutoMerge }, FastTrack = false });

        var decision = Decider.Decide(Input(AuthFix), policy);

        Assert.Equal(DecisionAction.OneReview, decision.Action);
        Assert.Equal("server", decision.RuleSource);
    }

    [Fact]
    public void Decide_AddedLineTheScanFlagsAsSql_CriticalRisk()
    {
        var finding = new SecurityFinding(SecurityRuleIds.SqlInjection, SecuritySeverity.High, "src/Shop/Cart.cs", 44, "the added line builds SQL by concatenating values");

        var decision = Decider.Decide(Input(BoundaryFix, FullEvidence(finding)), Defaults);

        Assert.Equal(RiskLevel.Critical, decision.Risk.Level);
        Assert.Equal("the scan flags an added line 44: sql-injection", decision.Risk.Factors[0].Reason);
    }

    [Theory]
    [InlineData("src/Security/PasswordHasher.cs", "*password*")]
    [InlineData("lib/crypto/aes_gcm.py", "*crypt*")]
    [InlineData("app/models/user_permissions.rb", "*permission*")]
    [InlineData("src/Data/SqlQueries.cs", "*sql*")]
    [InlineData("src/Interop/JsonDeserializer.cs", "*serializ*")]
    public void Decide_SecurityRelevantPath_CriticalRiskNamingTheGlob(string path, string glob)
    {
        var diff = BoundaryFix.Replace("src/Shop/Cart.cs", path, StringComparison.Ordinal);

        var decision = Decider.Decide(Input(diff), Defaults);

        Assert.Equal(RiskLevel.Critical, decision.Risk.Level);
        Assert.Equal($"security-relevant code (path matches '{glob}')", decision.Risk.Factors[0].Reason);
    }

    [Fact]
    public void Score_IndependentCandidateChangingTheSameLine_AgreementCounts()
    {
        var same = new AlternativeFix("token-templates", "bound-minus-one", "subtract 1", Parse(BoundaryFix.Replace(">= tier.Minimum", "> tier.Minimum - 1", StringComparison.Ordinal)));
        var sameTemplate = new AlternativeFix("csharp-templates", "relational-boundary", "again", Parse(BoundaryFix));
        var elsewhere = new AlternativeFix("csharp-templates", "null-guard", "guard", Parse(BillingCodeFix));

        var confidence = ConfidenceScorer.Score(Input(BoundaryFix, alternatives: [same, sameTemplate, elsewhere]), Defaults);

        var agreement = confidence.Factors.Single(f => f.Name == "agreement");
        Assert.Equal(0.1, agreement.Contribution);
        Assert.Contains("token-templates/bound-minus-one", agreement.Detail, StringComparison.Ordinal);
        Assert.Equal(0.85, confidence.Score);
    }

    [Theory]
    [InlineData("Ochiai 0.71 (ef=2, ep=0, failing slices=2)", 0.1)]
    [InlineData("Ochiai 0.00 (ef=0, ep=4)", -0.05)]
    public void Score_PerTestCoverageOfTheChangedLines_CountsWhenKnown(string detail, double contribution)
    {
        var suspect = new Suspect("src/Shop/Cart.cs", 44, 44, "Cart.Discount", 0.8, [new SuspectEvidence("sbfl", 0.3, detail)]);

        var confidence = ConfidenceScorer.Score(Input(BoundaryFix, suspect: suspect), Defaults);

        Assert.Equal(contribution, confidence.Factors.Single(f => f.Name == "coverage").Contribution);
    }

    [Fact]
    public void Score_NoCoverage_ListedAsUnknownWithoutEffect()
    {
        var confidence = ConfidenceScorer.Score(Input(BoundaryFix), Defaults);

        Assert.Equal(new ConfidenceFactor("coverage", 0, "unknown: no per-test coverage of the changed lines"), confidence.Factors.Single(f => f.Name == "coverage"));
        Assert.Equal(0.75, confidence.Score);
        Assert.Equal(["reproduced", "no-regressions", "agreement", "change-size", "coverage", "engine", "security-findings", "performance", "e2e"], confidence.Factors.Select(f => f.Name));
    }
}
