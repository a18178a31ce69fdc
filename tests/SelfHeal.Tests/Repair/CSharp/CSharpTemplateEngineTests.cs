using Microsoft.Extensions.DependencyInjection;
using SelfHeal.Repair;
using SelfHeal.Repair.CSharp;

namespace SelfHeal.Tests.Repair.CSharp;

public sealed class CSharpTemplateEngineTests
{
    [Fact]
    public async Task ProposeAsync_Candidates_AreOrderedBestFirstAndCounted()
    {
        var repair = await SnippetRepair.RunAsync("Operators");

        Assert.NotEmpty(repair.Candidates);
        var scores = repair.Candidates.Select(c => c.Patch.Score).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.All(repair.Candidates, c => Assert.Equal("csharp-templates", c.Patch.Engine));
        Assert.True(repair.Counters.Generated >= repair.Candidates.Count + repair.Counters.RejectedInMemory);
    }

    [Fact]
    public async Task ProposeAsync_NonCompilingCandidates_AreRejectedInMemory()
    {
        var repair = await SnippetRepair.RunAsync("Statements");

        Assert.True(repair.Counters.RejectedInMemory > 0);
        // A decimal product does not convert to the method's double result.
        Assert.DoesNotContain(repair.Candidates, c => c.Text.Contains("(decimal)value * 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProposeAsync_CandidatesIdenticalOrDuplicate_AreDropped()
    {
        var repair = await SnippetRepair.RunAsync("Variables");

        Assert.DoesNotContain(repair.Candidates, c => c.Text == repair.Original);
        Assert.Equal(repair.Candidates.Count, repair.Candidates.Select(c => c.Text).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task ProposeAsync_ErrorsTheProjectAlreadyHas_DoNotRejectCandidates()
    {
        var repair = await SnippetRepair.RunAsync("Broken");

        Assert.True(repair.Proposes("arithmetic-operator", "value * Missing.Factor", "value + Missing.Factor"));
    }

    [Fact]
    public async Task ProposeAsync_DisabledTemplateAndLimit_AreHonoured()
    {
        var repair = await SnippetRepair.RunAsync("Operators", configure: o =>
        {
            o.DisabledTemplates.Add("relational-boundary");
            o.MaxCandidatesPerSuspect = 3;
        });

        Assert.DoesNotContain(repair.Candidates, c => c.Patch.Template == "relational-boundary");
        Assert.All(repair.Candidates.GroupBy(c => c.Patch.Suspect), g => Assert.True(g.Count() <= 3));
    }

    [Fact]
    public async Task ProposeAsync_HigherScoredSuspect_ComesFirst()
    {
        var repair = await SnippetRepair.RunAsync("Members");

        Assert.Equal(repair.Candidates.Max(c => c.Patch.Suspect.Score), repair.Candidates[0].Patch.Suspect.Score);
    }

    [Fact]
    public async Task ProposeAsync_Edits_ReplaceOnlyTheChangedTokens()
    {
        var repair = await SnippetRepair.RunAsync("Operators");

        var boundary = repair.Candidates.First(c => c.Patch.Template == "relational-boundary");
        var edit = Assert.Single(boundary.Patch.Edits);
        Assert.Equal(">=", edit.Replacement);
        Assert.Equal(1, edit.Length);
        Assert.Equal("Operators.cs", edit.File);
    }

    [Fact]
    public void AddCSharpRepair_RegistersCandidateBuilder()
    {
        using var provider = new ServiceCollection().AddCSharpRepair().AddCSharpRepair().BuildServiceProvider();

        Assert.IsType<CSharpCandidateBuilder>(Assert.Single(provider.GetServices<SelfHeal.Validation.ICandidateBuilder>()));
    }

    [Fact]
    public void AddCSharpRepair_RegistersEngineWithOptions()
    {
        using var provider = new ServiceCollection().AddCSharpRepair(o => o.SuspectsConsidered = 4).BuildServiceProvider();

        var engine = Assert.Single(provider.GetServices<IRepairEngine>());
        Assert.Equal("csharp-templates", engine.Name);
        Assert.Same(engine, provider.GetServices<IRepairEngine>().Single());
        Assert.Equal(4, provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<CSharpRepairOptions>>().Value.SuspectsConsidered);
    }

    [Fact]
    public void TemplatePriors_EveryTemplate_HasAPriorInRange()
    {
        Assert.All(TemplatePriors.Names, name => Assert.InRange(TemplatePriors.Of(name), 0.01, 1.0));
        Assert.Equal(TemplatePriors.Unknown, TemplatePriors.Of("no-such-template"));
    }
}
