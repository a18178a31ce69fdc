using SelfHeal.Localization.Text;

namespace SelfHeal.Tests.Localization;

public class Bm25IndexTests
{
    [Fact]
    public void Search_RareTermOutweighsCommonTerm()
    {
        var index = new Bm25Index<string>();
        index.Add("cart", ["cart", "total", "price", "line"]);
        index.Add("discount", ["discount", "total", "threshold"]);
        index.Add("invoice", ["invoice", "total", "print"]);

        var hits = index.Search(["total", "threshold"], top: 10);

        Assert.Equal("discount", hits[0].Document);
        Assert.Equal(["total", "threshold"], hits[0].MatchedTerms);
        Assert.Equal(3, hits.Count);
    }

    [Fact]
    public void Search_SameMatches_ShorterDocumentRanksHigher()
    {
        var index = new Bm25Index<string>();
        index.Add("long", ["discount", .. Enumerable.Repeat("filler", 40)]);
        index.Add("short", ["discount", "rate"]);
        index.Add("other", ["unrelated"]);

        var hits = index.Search(["discount"], top: 10);

        Assert.Equal(["short", "long"], hits.Select(h => h.Document));
        Assert.True(hits[0].Score > hits[1].Score);
    }

    [Fact]
    public void Search_RepeatedQueryTerms_CountOnceAndUnknownTermsScoreNothing()
    {
        var index = new Bm25Index<string>();
        index.Add("a", ["alpha", "beta"]);
        index.Add("b", ["gamma"]);

        var once = index.Search(["alpha"], 10);
        var repeated = index.Search(["alpha", "alpha", "zeta"], 10);

        Assert.Equal(once[0].Score, Assert.Single(repeated).Score, 9);
        Assert.Empty(index.Search(["zeta"], 10));
    }
}
