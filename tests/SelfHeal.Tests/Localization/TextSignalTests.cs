using SelfHeal.Localization;
using SelfHeal.Localization.Signals;
using SelfHeal.Reports;
using SelfHeal.Runs;

namespace SelfHeal.Tests.Localization;

public class TextSignalTests
{
    [Fact]
    public async Task Score_ReportAboutTheDiscount_RanksTheDiscountMethodFirst()
    {
        using var inputs = await SignalTestInputs.CreateAsync("shop-cs");
        var report = new BugReport("Bulk discount not applied at exactly 100") { Description = "An order of 100.00 should get 10% off but pays full price." };

        var scores = new TextSignal(new LocalizeOptions()).Score(inputs.Input(report));

        var top = scores.Hits.OrderByDescending(h => h.Value.Value).First();
        Assert.Equal(new SuspectSpan("src/Shop/Discounts.cs", 16, 16), top.Key);
        Assert.Contains("BulkDiscount.DiscountFor", top.Value.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(scores.Hits.Keys, k => k.File.Contains("Tests", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Score_FailingTestName_IsPartOfTheQuery()
    {
        using var inputs = await SignalTestInputs.CreateAsync("shop-py");
        var failure = new FailureReproduced("tests/test_cart.py::test_subtotal_sums_quantities", "assert 19.0 == 20.0", null);

        var scores = new TextSignal(new LocalizeOptions()).Score(inputs.Input(failures: [failure]));

        var top = scores.Hits.OrderByDescending(h => h.Value.Value).First();
        Assert.Equal(new SuspectSpan("shop/cart.py", 26, 26), top.Key);
    }

    [Fact]
    public async Task Score_NoWords_ScoresNothing()
    {
        using var inputs = await SignalTestInputs.CreateAsync("shop-py");

        Assert.Empty(new TextSignal(new LocalizeOptions()).Score(inputs.Input(new BugReport("!!!"))).Hits);
    }
}
