using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Repair.Tokens;

public sealed class TokenTemplateEngineFixtureTests
{
    private const int TopN = 40;

    [Theory]
    [InlineData("python/invoice-volume-discount")]
    [InlineData("python/latency-median")]
    [InlineData("python/league-standings")]
    [InlineData("python/sensor-moving-average")]
    [InlineData("python/deploy-target-timeout")]
    [InlineData("python/shipping-label-unit")]
    [InlineData("javascript/calendar-free-slots")]
    [InlineData("javascript/cart-quantity-update")]
    [InlineData("javascript/duration-units")]
    [InlineData("javascript/theme-color-parse")]
    [InlineData("java/access-policy-roles")]
    [InlineData("java/document-numbering")]
    [InlineData("java/gateway-rate-limit")]
    [InlineData("java/statement-import-rejects")]
    public async Task ProposeAsync_SuspectAtTrueBuggyLine_HumanFixAmongFirstCandidates(string fixture)
    {
        var rank = await HumanFixRankAsync(fixture, TopN);

        Assert.True(rank is > 0 and <= TopN, $"{fixture}: human fix not among the first {TopN} candidates");
    }

    /// <summary>1-based rank of the first candidate equal to the human fix, or 0 when none of the first <paramref name="max"/> is.</summary>
    internal static async Task<int> HumanFixRankAsync(string fixture, int max)
    {
        using var repo = await FixtureRepository.CreateAsync(fixture);
        var buggy = repo.Instance.GetProperty("buggy_lines")[0];
        var file = buggy.GetProperty("file").GetString()!;
        var line = buggy.GetProperty("line").GetInt32();
        var exceptions = fixture == "java/statement-import-rejects" ? new[] { "java.lang.NumberFormatException" } : [];
        var context = TokenEngineHarness.Context(repo.Path, file, line, exceptions);

        var candidates = await TokenEngineHarness.ProposeAsync(context, max);
        var results = candidates.Select(c => TokenEngineHarness.Normalize(TokenEngineHarness.Result(repo.Path, c))).ToList();
        Assert.Empty(await repo.GitAsync("status", "--porcelain"));

        await repo.GitAsync("apply", Path.Combine(repo.FixturePath, "fix.patch"));
        var fixedText = TokenEngineHarness.Normalize(await File.ReadAllTextAsync(Path.Combine(repo.Path, file)));
        return results.IndexOf(fixedText) + 1;
    }
}
