namespace SelfHeal.Tests.Repair.CSharp;

/// <summary>Real buggy repositories: the human fix must be among the first candidates when the suspect is the true buggy line.</summary>
public sealed class CSharpTemplateEngineFixtureTests
{
    private const int TopN = 30;

    [Theory]
    [InlineData("csharp/currency-converter")]
    [InlineData("csharp/customer-directory")]
    [InlineData("csharp/stock-levels")]
    [InlineData("csharp/order-notifications")]
    public async Task ProposeAsync_TrueBuggyLine_HumanFixAmongFirstCandidates(string fixture)
    {
        var rank = await HumanFixRank.MeasureAsync(fixture, TopN);

        Assert.True(rank.Rank is >= 1 and <= TopN, $"{fixture}: human fix at rank {rank.Rank?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"} of {rank.Yielded}; {rank.Generated} generated, {rank.RejectedInMemory} rejected in memory");
    }

    [Fact]
    public async Task ProposeAsync_FixtureProject_RejectsNonCompilingCandidatesInMemory()
    {
        var rank = await HumanFixRank.MeasureAsync("csharp/stock-levels");

        Assert.True(rank.RejectedInMemory > 0);
        Assert.True(rank.Generated > rank.RejectedInMemory);
    }
}
