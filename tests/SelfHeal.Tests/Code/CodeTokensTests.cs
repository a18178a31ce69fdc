using SelfHeal.Code;

namespace SelfHeal.Tests.Code;

public class CodeTokensTests
{
    [Fact]
    public void Terms_Identifiers_SplitAtCaseAndUnderscoresAndKeepTheJoinedForm()
    {
        var terms = CodeTokens.Terms("getOrderTotal parse_HTTPHeader").ToList();

        Assert.Equal(["order", "total", "getordertotal", "parse", "http", "header", "parsehttpheader"], terms);
    }

    [Fact]
    public void Terms_Prose_DropsStopWordsAndKeywordsAndStems()
    {
        var terms = CodeTokens.Terms("The discounts are not applied when the test returns null").ToList();

        Assert.Equal(["discount", "appli", "return"], terms);
    }

    [Theory]
    [InlineData("discounts", "discount")]
    [InlineData("entries", "entry")]
    [InlineData("boxes", "box")]
    [InlineData("class", "class")]
    [InlineData("status", "status")]
    [InlineData("rounding", "round")]
    [InlineData("rounded", "round")]
    public void Stem_CommonSuffixes_AreStripped(string word, string stem) => Assert.Equal(stem, CodeTokens.Stem(word));
}
