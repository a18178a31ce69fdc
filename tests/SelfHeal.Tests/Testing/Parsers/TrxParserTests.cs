using SelfHeal.Testing;
using SelfHeal.Testing.Parsers;

namespace SelfHeal.Tests.Testing.Parsers;

public sealed class TrxParserTests
{
    [Fact]
    public void ParseFile_XunitTrx_UsesFullyQualifiedNamesAsIds()
    {
        var outcomes = TrxParser.ParseFile(TestingData.PathOf("xunit.trx"));

        Assert.Equal(5, outcomes.Count);
        var failed = Assert.Single(outcomes, o => o.Status == TestStatus.Failed);
        Assert.Equal("Shop.Tests.CartTests.Total_Wrong_Fails", failed.Id);
        Assert.Equal("Shop.Tests.CartTests", failed.ClassName);
        Assert.StartsWith("Assert.Equal() Failure: Values differ", failed.Message, StringComparison.Ordinal);
        Assert.Contains("CartTests.cs:line 11", failed.StackTrace, StringComparison.Ordinal);
        Assert.True(failed.Duration > TimeSpan.Zero);
    }

    [Fact]
    public void ParseFile_Theory_IdWithoutArgumentsNameWithThem()
    {
        var theory = TrxParser.ParseFile(TestingData.PathOf("xunit.trx")).Where(o => o.Id == "Shop.Tests.CartTests.Total_Single").ToList();

        Assert.Equal(2, theory.Count);
        Assert.Contains(theory, o => o.Name == "Shop.Tests.CartTests.Total_Single(n: 1, label: \"a(b)\")");
    }

    [Fact]
    public void ParseFile_NotExecuted_IsSkippedWithReason()
    {
        var skipped = Assert.Single(TrxParser.ParseFile(TestingData.PathOf("xunit.trx")), o => o.Status == TestStatus.Skipped);

        Assert.Equal("Shop.Tests.CartTests.Skipped", skipped.Id);
        Assert.Equal("later", skipped.Message);
    }

    [Fact]
    public void Parse_Malformed_ReturnsNothing() => Assert.Empty(TrxParser.Parse("<TestRun"));
}
