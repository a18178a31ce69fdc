using SelfHeal.Coverage;
using SelfHeal.Localization.Coverage;
using SelfHeal.Localization.Signals;

namespace SelfHeal.Tests.Localization;

public class SbflSignalTests
{
    [Theory]
    [InlineData(1, 0, 1, 1.0)]
    [InlineData(1, 1, 1, 0.70710678)]
    [InlineData(2, 2, 4, 0.5)]
    [InlineData(1, 3, 2, 0.35355339)]
    [InlineData(0, 3, 2, 0.0)]
    [InlineData(0, 0, 0, 0.0)]
    public void Ochiai_Counts_MatchTheFormula(int ef, int ep, int totalFailed, double expected) =>
        Assert.Equal(expected, SbflSignal.Ochiai(ef, ep, totalFailed), 6);

    [Fact]
    public async Task Score_PerTestSlices_LineOnlyFailingTestsRunIsMostSuspicious()
    {
        using var inputs = await SignalTestInputs.CreateAsync("shop-py");
        const string file = "shop/cart.py";
        SpectrumSlice Slice(bool failing, params int[] lines) => new(lines.Select(l => new SourceLine(file, l)).ToHashSet(), failing, []);
        var input = inputs.Input() with
        {
            Spectrum =
            [
                Slice(true, 17, 18, 21, 23, 26, 29, 31, 32, 33),
                Slice(false, 17, 18, 21, 23, 26, 29, 31, 33),
                Slice(false, 17, 18, 21, 22),
            ],
        };

        var scores = SbflSignal.Score(input);

        Assert.Equal(1.0, scores.Hits[new SuspectSpan(file, 32, 32)].Value, 6);
        Assert.Equal(1 / Math.Sqrt(2), scores.Hits[new SuspectSpan(file, 29, 29)].Value, 6);
        Assert.Equal(1 / Math.Sqrt(3), scores.Hits[new SuspectSpan(file, 17, 17)].Value, 6);
        Assert.Equal(1 / Math.Sqrt(2), scores.Hits[new SuspectSpan(file, 33, 34)].Value, 6);
        Assert.False(scores.Hits.ContainsKey(new SuspectSpan(file, 22, 22)));
        Assert.Equal("Ochiai 1.00 (ef=1, ep=0, failing slices=1)", scores.Hits[new SuspectSpan(file, 32, 32)].Detail);
    }

    [Fact]
    public async Task Score_NoFailingSlice_ScoresNothing()
    {
        using var inputs = await SignalTestInputs.CreateAsync("shop-py");
        var input = inputs.Input() with { Spectrum = [new SpectrumSlice(new HashSet<SourceLine> { new("shop/cart.py", 29) }, false, ["t"])] };

        Assert.Empty(SbflSignal.Score(input).Hits);
    }
}
