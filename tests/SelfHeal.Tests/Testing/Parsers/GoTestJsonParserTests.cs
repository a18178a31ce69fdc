using SelfHeal.Testing;
using SelfHeal.Testing.Parsers;

namespace SelfHeal.Tests.Testing.Parsers;

public sealed class GoTestJsonParserTests
{
    [Fact]
    public void Parse_RealStream_ReadsTestsSubtestsAndMessages()
    {
        var report = GoTestJsonParser.Parse(TestingData.Read("go-test-json.txt"));

        Assert.Equal(
            ["example.com/cart/TestTotal", "example.com/cart/TestFails", "example.com/cart/TestSub", "example.com/cart/TestSub/ok", "example.com/cart/TestSub/bad_case", "example.com/cart/TestSkip"],
            report.Tests.Select(t => t.Id));
        var fails = report.Tests.Single(t => t.Name == "TestFails");
        Assert.Equal(TestStatus.Failed, fails.Status);
        Assert.Equal("about to fail\nTotal = 3, want 4", fails.Message);
        Assert.Contains("cart_test.go:14: Total = 3, want 4", fails.StackTrace, StringComparison.Ordinal);
        Assert.Equal(TestStatus.Skipped, report.Tests.Single(t => t.Name == "TestSkip").Status);
        Assert.Equal("example.com/cart", fails.ClassName);
    }

    [Fact]
    public void Parse_PackageThatDoesNotCompile_ReportsCompilerErrors()
    {
        var report = GoTestJsonParser.Parse(TestingData.Read("go-test-json.txt"));

        Assert.Equal(["broken/b.go:3:23: undefined: undefined"], report.BuildErrors);
    }

    [Fact]
    public void Parse_Go124BuildEvents_ReportCompilerErrors()
    {
        const string stream = """
            {"ImportPath":"example.com/cart [example.com/cart.test]","Action":"build-output","Output":"# example.com/cart [example.com/cart.test]\n"}
            {"ImportPath":"example.com/cart [example.com/cart.test]","Action":"build-output","Output":"./cart.go:5:9: undefined: total\n"}
            {"ImportPath":"example.com/cart [example.com/cart.test]","Action":"build-fail"}
            {"Time":"2026-01-01T00:00:00Z","Action":"output","Package":"example.com/cart","Output":"FAIL\texample.com/cart [build failed]\n"}
            """;

        var report = GoTestJsonParser.Parse(stream);

        Assert.Empty(report.Tests);
        Assert.Equal(["./cart.go:5:9: undefined: total"], report.BuildErrors);
    }

    [Fact]
    public void Parse_TestThatNeverFinished_IsError()
    {
        const string stream = """
            {"Action":"run","Package":"p","Test":"TestHang"}
            {"Action":"output","Package":"p","Test":"TestHang","Output":"panic: test timed out after 1s\n"}
            {"Action":"fail","Package":"p","Elapsed":1.0}
            """;

        var test = Assert.Single(GoTestJsonParser.Parse(stream).Tests);

        Assert.Equal(TestStatus.Error, test.Status);
        Assert.Contains("panic: test timed out", test.Message, StringComparison.Ordinal);
    }
}
