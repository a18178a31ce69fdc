using SelfHeal.Testing;
using SelfHeal.Testing.Dotnet;
using SelfHeal.Testing.Go;
using SelfHeal.Testing.Maven;

namespace SelfHeal.Tests.Testing.Runners;

public sealed class CommandConstructionTests
{
    [Fact]
    public void ForIds_SpecialCharacters_AreEscaped() =>
        Assert.Equal(
            @"FullyQualifiedName=Shop.CartTests.Total|FullyQualifiedName=Shop.Generic\(T\)\=\!\~\&\|\\x",
            VsTestFilter.ForIds(["Shop.CartTests.Total", @"Shop.Generic(T)=!~&|\x", "Shop.CartTests.Total"]));

    [Fact]
    public void TestSelector_MethodsOfOneClass_AreJoinedWithPlus() =>
        Assert.Equal("com.shop.CartTest#total+empty,com.shop.TaxTest#rate", MavenTestRunner.TestSelector(["com.shop.CartTest.total", "com.shop.CartTest.empty", "com.shop.TaxTest.rate"]));

    [Fact]
    public void Spec_Selection_RunsMavenBatchQuietWithTestProperty()
    {
        var spec = MavenTestRunner.Spec(new TestRunRequest("/repo") { Only = ["com.shop.CartTest.total"] });

        Assert.Equal("mvn", spec.FileName);
        Assert.Equal(["-B", "-q", "-o", "test", "-Dtest=com.shop.CartTest#total", "-Dsurefire.failIfNoSpecifiedTests=false"], spec.Arguments);
        Assert.Equal("/repo", spec.WorkingDirectory);
    }

    [Fact]
    public void Spec_UserCommand_RunsThroughTheShell()
    {
        var spec = MavenTestRunner.Spec(new TestRunRequest("/repo") { Command = "mvn -pl core test" });

        Assert.Equal("/bin/sh", spec.FileName);
        Assert.Equal("mvn -pl core test", spec.Display);
    }

    [Fact]
    public void RunPattern_Ids_SelectTopLevelTests() =>
        Assert.Equal("^(TestTotal|TestSub)$", GoTestRunner.RunPattern(["example.com/cart/TestTotal", "example.com/cart/TestSub/bad_case", "example.com/cart/TestSub/ok"]));

    [Fact]
    public void BuildErrors_CompilerOutput_AreDistinctAndRepoRelative()
    {
        const string output = """
              Determining projects to restore...
            /repo/src/Cart.cs(7,9): error CS0103: The name 'x' does not exist in the current context [/repo/src/Shop.csproj]
            /repo/src/Cart.cs(7,9): error CS0103: The name 'x' does not exist in the current context [/repo/src/Shop.csproj]
            Build FAILED.
            """;

        Assert.Equal(["src/Cart.cs(7,9): error CS0103: The name 'x' does not exist in the current context"], DotnetTestRunner.BuildErrors(output, "/repo"));
    }
}
