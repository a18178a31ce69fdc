using SelfHeal.Localization;
using SelfHeal.Repair;
using SelfHeal.Repair.CSharp;
using SelfHeal.Runs;
using SelfHeal.Testing;
using SelfHeal.Tests.Support;
using SelfHeal.Validation;

namespace SelfHeal.Tests.Repair.CSharp;

/// <summary>The in-memory build against a really built fixture: its outputs run without a rebuild and are put back.</summary>
public sealed class CSharpCandidateBuilderTests(InvoiceServiceBuildFixture fixture) : IClassFixture<InvoiceServiceBuildFixture>
{
    private const string Buggy = "subtotal > tier.Threshold";

    [Fact]
    public async Task ValidateAsync_HumanFixBuiltInMemory_PlausibleAndOutputsRestored()
    {
        var validator = Validators.Default([new CSharpCandidateBuilder()]);
        var first = fixture.FirstRun;
        var request = new ValidationRequest(fixture.Runner, fixture.Repository.Path, null, fixture.FailingTests, new HashSet<string>(),
            new TestCounts(first.Passed, first.Failed, first.Skipped), TimeSpan.FromMinutes(5));

        var result = await validator.ValidateAsync(request, Candidate("subtotal >= tier.Threshold"));

        Assert.Equal(CandidateVerdict.Plausible, result.Outcome);
        Assert.Equal(LayerOutcome.Passed, result.Verdict.Layer("compile")?.Outcome);
        Assert.Equal(fixture.OutputHashes, InvoiceServiceBuildFixture.HashOutputs(fixture.Repository.Path));
        Assert.Contains(Buggy, await File.ReadAllTextAsync(Path.Combine(fixture.Repository.Path, InvoiceServiceBuildFixture.BuggyFile)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryBuildAsync_WrongCandidate_TargetedRunWithoutBuildStillFailsAndRestoreBringsBackOutputs()
    {
        var builder = new CSharpCandidateBuilder();

        var build = await builder.TryBuildAsync(fixture.Repository.Path, Candidate("subtotal > tier.Threshold + 0m"));
        Assert.NotNull(build);
        Assert.True(build.Outputs.Count(o => o.EndsWith(".dll", StringComparison.Ordinal)) >= 2, string.Join(", ", build.Outputs));
        Assert.NotEqual(fixture.OutputHashes, InvoiceServiceBuildFixture.HashOutputs(fixture.Repository.Path));
        try
        {
            var run = await fixture.Runner.RunAsync(new TestRunRequest(fixture.Repository.Path) { Only = fixture.FailingTests, NoBuild = true });

            Assert.Equal(fixture.FailingTests.Count, run.Tests.Count(t => t.Status == TestStatus.Failed));
        }
        finally
        {
            await builder.RestoreAsync(build);
        }
        Assert.Equal(fixture.OutputHashes, InvoiceServiceBuildFixture.HashOutputs(fixture.Repository.Path));
    }

    [Fact]
    public async Task TryBuildAsync_CandidateWithCompileError_ReturnsNullAndChangesNothing()
    {
        var build = await new CSharpCandidateBuilder().TryBuildAsync(fixture.Repository.Path, Candidate("subtotal > tier.Missing"));

        Assert.Null(build);
        Assert.Equal(fixture.OutputHashes, InvoiceServiceBuildFixture.HashOutputs(fixture.Repository.Path));
    }

    private CandidatePatch Candidate(string replacement)
    {
        var text = File.ReadAllText(Path.Combine(fixture.Repository.Path, InvoiceServiceBuildFixture.BuggyFile));
        var start = text.IndexOf(Buggy, StringComparison.Ordinal);
        var suspect = new Suspect(InvoiceServiceBuildFixture.BuggyFile, 35, 35, "DiscountPolicy.RateFor", 1, []);
        return new CandidatePatch(CSharpTemplateEngine.EngineName, "test", suspect, [new TextEdit(InvoiceServiceBuildFixture.BuggyFile, start, Buggy.Length, replacement)], replacement, 1);
    }
}
