using SelfHeal.Coverage;
using SelfHeal.Tests.Testing;

namespace SelfHeal.Tests.Coverage;

public sealed class CoberturaParserTests
{
    [Fact]
    public void ParseFile_CoverletReport_MapsLinesToRepoRelativePaths()
    {
        var lines = CoberturaParser.ParseFile(TestingData.PathOf("coverage.cobertura.xml"), "/home/dev/shop");

        Assert.Equal(Enumerable.Range(6, 8).Select(n => new SourceLine("Shop/Cart.cs", n)), lines.OrderBy(l => l.Line));
    }

    [Fact]
    public void ParseFile_FilesOutsideTheRepository_AreDropped()
    {
        var lines = CoberturaParser.ParseFile(TestingData.PathOf("coverage.cobertura.xml"), "/home/dev/other");

        Assert.Empty(lines);
    }

    [Fact]
    public void ParseFile_MissingFile_ReturnsNoLines() =>
        Assert.Empty(CoberturaParser.ParseFile(TestingData.PathOf("no-such-coverage.xml"), "/home/dev/shop"));
}
