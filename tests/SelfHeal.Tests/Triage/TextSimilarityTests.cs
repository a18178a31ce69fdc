using SelfHeal.Triage;

namespace SelfHeal.Tests.Triage;

public sealed class TextSimilarityTests
{
    [Fact]
    public void Compare_SameText_IsOne()
    {
        Assert.Equal(1.0, TextSimilarity.Compare("Checkout total ignores the discount", "Checkout total ignores the discount"), 6);
    }

    [Fact]
    public void Compare_NothingShared_IsZero()
    {
        Assert.Equal(0, TextSimilarity.Compare("Login page times out", "Invoice PDF is blank"));
    }

    [Fact]
    public void Best_RewordedReport_FindsItsBugAboveUnrelatedOnes()
    {
        var best = TextSimilarity.Best(
            "CSV export drops the last row of the orders table",
            [
                ("b1", "Orders page loads slowly"),
                ("b2", "Exporting orders to CSV loses the last row"),
                ("b3", "Dark mode toggle does nothing"),
            ]);

        Assert.Equal("b2", best?.Id);
        Assert.InRange(best!.Value.Score, 0.3, 1.0);
    }

    [Fact]
    public void Best_NoDocuments_IsNull()
    {
        Assert.Null(TextSimilarity.Best("anything", []));
    }

    [Fact]
    public void Terms_DropsCommonWordsAndPlurals()
    {
        var terms = TextSimilarity.Terms("The orders are not shown when the order has items");
        Assert.Equal(2, terms["order"]);
        Assert.False(terms.ContainsKey("the"));
        Assert.True(terms.ContainsKey("item"));
    }

    [Fact]
    public void Terms_CamelCaseIdentifiers_SplitIntoWords()
    {
        var terms = TextSimilarity.Terms("at Shop.Checkout.CartTotals.Compute() threw NullReferenceException; cart totals wrong");
        Assert.Equal(2, terms["cart"]);
        Assert.Equal(2, terms["total"]);
        Assert.True(terms.ContainsKey("reference"));
        Assert.False(terms.ContainsKey("carttotal"));
    }
}
