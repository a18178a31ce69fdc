using SelfHeal.Decisions;
using SelfHeal.Policy;
using SelfHeal.Tests.Decisions;

namespace SelfHeal.Tests.Policy;

/// <summary>The <c>validation:</c> and <c>decision:</c> sections of <c>.selfheal.yml</c>: read when right, a clear error when not.</summary>
public sealed class RepositorySettingsTests
{
    private static readonly PatchPolicy Server = PatchPolicy.FromOptions(new PatchPolicyOptions());

    [Fact]
    public void Load_EverySetting_ReadIntoTheValidationAndDecisionPolicies()
    {
        var result = PatchPolicyLoader.Load(Server, File.ReadAllText(PolicyTestData.PathOf("selfheal-validation-decision.yml")));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(3, result.Policy.MaxFilesChanged);
        Assert.Equal(new PerformanceCheck("dotnet run -c Release --project bench/Checkout.Bench", "mean=(?<value>[0-9.]+) ms", 7.5, false, TimeSpan.FromSeconds(300)), result.Validation.Performance);
        Assert.Equal(new EndToEndCheck("./scripts/e2e.sh", TimeSpan.FromMinutes(10)), result.Validation.EndToEnd);
        var policy = DecisionPolicy.From(new DecisionOptions(), result.Decision);
        Assert.Equal(new DecisionCell(DecisionAction.AutoMerge, ".selfheal.yml"), policy.Matrix[ConfidenceBand.High, RiskLevel.Medium]);
        Assert.Equal(new DecisionCell(DecisionAction.OneReview, ".selfheal.yml"), policy.Matrix[ConfidenceBand.High, RiskLevel.High]);
        Assert.Equal(new DecisionCell(DecisionAction.BlockedEscalated, ".selfheal.yml"), policy.Matrix[ConfidenceBand.Low, RiskLevel.Medium]);
        Assert.Equal(new DecisionCell(DecisionAction.TwoReviews, "default"), policy.Matrix[ConfidenceBand.High, RiskLevel.Critical]);
        Assert.Equal((0.8, 0.55, 2, false, false), (policy.HighConfidence, policy.MediumConfidence, policy.MaxFilesBeforeEscalation, policy.EscalateConcurrency, policy.FastTrack));
        Assert.Equal(["src/Billing/**"], policy.CorePaths);
        Assert.Contains("src/Vault/**", policy.SecurityPaths);
        Assert.Contains("*auth*", policy.SecurityPaths);
        Assert.Equal(["billing-lead", "ops.oncall"], policy.Reviewers);
    }

    [Fact]
    public void Decide_ReviewersOfServerAndRepository_AreOnTheDecision()
    {
        var result = PatchPolicyLoader.Load(Server, "decision:\n  reviewers: [alice, Bob]\n");
        var policy = DecisionPolicy.From(new DecisionOptions { Reviewers = ["bob", "carol"] }, result.Decision);

        var decision = Decider.Decide(DecisionDiffs.Input(DecisionDiffs.BoundaryFix), policy);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["bob", "carol", "alice"], decision.Reviewers);
    }

    [Fact]
    public void Decide_ApproveAfterHours_OnlyForAOneReviewFixBelowCriticalRisk()
    {
        var result = PatchPolicyLoader.Load(Server, "decision:\n  approve_after_hours: 24\n  matrix:\n    high: { medium: one-review }\n");
        var policy = DecisionPolicy.From(new DecisionOptions(), result.Decision);
        var twoReviews = DecisionPolicy.From(new DecisionOptions(), PatchPolicyLoader.Load(Server, "decision:\n  approve_after_hours: 24\n  matrix:\n    high: { medium: two-reviews }\n").Decision);

        var decision = Decider.Decide(DecisionDiffs.Input(DecisionDiffs.BoundaryFix), policy);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(DecisionAction.OneReview, decision.Action);
        Assert.Equal(TimeSpan.FromHours(24), decision.ApproveAfter);
        Assert.Null(Decider.Decide(DecisionDiffs.Input(DecisionDiffs.BoundaryFix), twoReviews).ApproveAfter);
        Assert.Null(Decider.Decide(DecisionDiffs.Input(DecisionDiffs.BoundaryFix), DecisionPolicy.From(new DecisionOptions())).ApproveAfter);
    }

    [Fact]
    public void Load_NoSections_NoOptionalLayersAndDefaultDecisions()
    {
        var result = PatchPolicyLoader.Load(Server, "policy:\n  max_lines_changed: 20\n");

        Assert.True(result.Succeeded, result.Error);
        Assert.Same(ValidationPolicy.None, result.Validation);
        Assert.Same(DecisionOverrides.None, result.Decision);
    }

    [Theory]
    [InlineData("validation: fast\n", "line 1: 'validation' must be a mapping (key: value)")]
    [InlineData("validation:\n  perf:\n    command: x\n", "line 2: validation.perf is not a known setting; known settings are performance, e2e")]
    [InlineData("validation:\n  performance:\n    metric: 'ms=(\\d+)'\n    max_regression_percent: 5\n", "line 3: validation.performance.command is required")]
    [InlineData("validation:\n  performance:\n    command: ./bench\n    max_regression_percent: 5\n", "validation.performance.metric is required")]
    [InlineData("validation:\n  performance:\n    command: ./bench\n    metric: 'ms=\\d+'\n    max_regression_percent: 5\n", "line 4: validation.performance.metric: the regular expression needs a group that captures the figure")]
    [InlineData("validation:\n  performance:\n    command: ./bench\n    metric: 'ms=(\\d+'\n    max_regression_percent: 5\n", "line 4: validation.performance.metric: not a valid regular expression")]
    [InlineData("validation:\n  performance:\n    command: ./bench\n    metric: 'ms=(\\d+)'\n", "validation.performance.max_regression_percent is required")]
    [InlineData("validation:\n  performance:\n    command: ./bench\n    metric: 'ms=(\\d+)'\n    max_regression_percent: ten\n", "line 5: validation.performance.max_regression_percent: expected a number from 0 to 10000")]
    [InlineData("validation:\n  performance:\n    command: ./bench\n    metric: 'ms=(\\d+)'\n    max_regression_percent: 5\n    higher_is_better: yes\n", "line 6: validation.performance.higher_is_better: expected true or false")]
    [InlineData("validation:\n  e2e:\n    command: ''\n", "line 3: validation.e2e.command: expected a non-empty text")]
    [InlineData("validation:\n  e2e:\n    command: ./e2e.sh\n    timeout_seconds: 0\n", "line 4: validation.e2e.timeout_seconds: expected a number from 1 to 86400")]
    [InlineData("decision:\n  matrix:\n    sure: { low: auto-merge }\n", "line 3: decision.matrix.sure is not a known setting; known settings are high, medium, low")]
    [InlineData("decision:\n  matrix:\n    high: { tiny: auto-merge }\n", "line 3: decision.matrix.high.tiny is not a known setting; known settings are low, medium, high, critical")]
    [InlineData("decision:\n  matrix:\n    high: { low: ship-it }\n", "line 3: decision.matrix.high.low: 'ship-it' is not an action; use one of auto-merge, one-review, two-reviews, blocked")]
    [InlineData("decision:\n  matrix:\n    high: { critical: auto-merge }\n", "line 3: decision.matrix.high.critical: auto-merge is not allowed for critical risk")]
    [InlineData("decision:\n  confidence: { high: 0.5, medium: 0.7 }\n", "line 2: decision.confidence: medium must not be above high")]
    [InlineData("decision:\n  confidence: { high: 2 }\n", "decision.confidence.high: expected a number from 0 to 1")]
    [InlineData("decision:\n  max_files: 2.5\n", "line 2: decision.max_files: expected a whole number")]
    [InlineData("decision:\n  core_paths: { a: b }\n", "line 2: decision.core_paths: expected a list of path globs")]
    [InlineData("decision:\n  fast_track: sometimes\n", "line 2: decision.fast_track: expected true or false")]
    [InlineData("decision:\n  reviewers: ['@alice; rm -rf']\n", "line 2: decision.reviewers: '@alice; rm -rf' is not a login")]
    [InlineData("decision:\n  merge: always\n", "line 2: decision.merge is not a known setting")]
    public void Load_BadSetting_ErrorNamesTheSettingAndTheLine(string yaml, string expected)
    {
        var result = PatchPolicyLoader.Load(Server, yaml);

        Assert.False(result.Succeeded);
        Assert.StartsWith(".selfheal.yml line ", result.Error, StringComparison.Ordinal);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Same(ValidationPolicy.None, result.Validation);
        Assert.Same(DecisionOverrides.None, result.Decision);
    }
}
