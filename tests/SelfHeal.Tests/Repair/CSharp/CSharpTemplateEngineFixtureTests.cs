using Xunit.Abstractions;

namespace SelfHeal.Tests.Repair.CSharp;

/// <summary>Real buggy repositories: the human fix must be among the first candidates when the suspect is the true buggy line.</summary>
public sealed class CSharpTemplateEngineFixtureTests(ITestOutputHelper output)
{
    private const int TopN = 30;

    [Theory]
    [InlineData("csharp/currency-converter")]
    [InlineData("csharp/customer-directory")]
    [InlineData("csharp/stock-levels")]
    public async Task ProposeAsync_TrueBuggyLine_HumanFixAmongFirstCandidates(string fixture)
    {
        var rank = await HumanFixRank.MeasureAsync(fixture, TopN);

        output.WriteLine($"{fixture}: human fix at rank {rank.Rank}; {rank.Generated} generated, {rank.RejectedInMemory} rejected in memory ({(double)rank.RejectedInMemory / Math.Max(1, rank.Generated):P0})");
        Assert.NotNull(rank.Rank);
        Assert.InRange(rank.Rank.Value, 1, TopN);
    }

    [Fact]
    public async Task ProposeAsync_FixtureProject_RejectsNonCompilingCandidatesInMemory()
    {
        var rank = await HumanFixRank.MeasureAsync("csharp/stock-levels");

        Assert.True(rank.RejectedInMemory > 0);
        Assert.True(rank.Generated > rank.RejectedInMemory);
    }
}
