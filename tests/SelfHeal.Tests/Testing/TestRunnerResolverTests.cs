using Microsoft.Extensions.DependencyInjection;
using SelfHeal.Testing;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Testing;

public sealed class TestRunnerResolverTests
{
    private static ITestRunnerResolver Resolver() => new ServiceCollection().AddTesting().BuildServiceProvider().GetRequiredService<ITestRunnerResolver>();

    [Theory]
    [InlineData("dotnet test --no-restore", "dotnet")]
    [InlineData("pytest -x tests", "pytest")]
    [InlineData("python3 -m pytest", "pytest")]
    [InlineData("npm test", "node")]
    [InlineData("npm run test", "node")]
    [InlineData("node --test test/", "node")]
    [InlineData("go test ./pkg/...", "go")]
    [InlineData("mvn -q test", "maven")]
    [InlineData("./mvnw test", "maven")]
    [InlineData("ant test", "ant")]
    [InlineData("make check", "generic")]
    [InlineData("dotnet build", "generic")]
    public void Resolve_Command_PicksTheCommandsEcosystem(string command, string expected) =>
        Assert.Equal(expected, Resolver().Resolve("/nowhere", command)?.Name);

    [Theory]
    [InlineData("go.mod", "go")]
    [InlineData("package.json", "node")]
    [InlineData("pytest.ini", "pytest")]
    [InlineData("pom.xml", "maven")]
    public void Resolve_MarkerFile_PicksItsRunner(string marker, string expected)
    {
        using var repo = new TempDirectory();
        File.WriteAllText(repo.Combine(marker), "{}");

        Assert.Equal(expected, Resolver().Resolve(repo.Path, null)?.Name);
    }

    [Fact]
    public void Resolve_TestProjectBelowRoot_PicksDotnetBeforeNode()
    {
        using var repo = new TempDirectory();
        File.WriteAllText(repo.Combine("package.json"), "{}");
        Directory.CreateDirectory(repo.Combine("tests", "Shop.Tests"));
        File.WriteAllText(repo.Combine("tests", "Shop.Tests", "Shop.Tests.csproj"), """<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="Microsoft.NET.Test.Sdk" /></ItemGroup></Project>""");

        Assert.Equal("dotnet", Resolver().Resolve(repo.Path, null)?.Name);
    }

    [Fact]
    public void Resolve_ProjectOnlyInBinFolder_IsNotDetected()
    {
        using var repo = new TempDirectory();
        Directory.CreateDirectory(repo.Combine("bin"));
        File.WriteAllText(repo.Combine("bin", "Old.Tests.csproj"), "Microsoft.NET.Test.Sdk");

        Assert.Null(Resolver().Resolve(repo.Path, null));
    }

    [Fact]
    public void Resolve_AntBuildWithJUnit_PicksAnt()
    {
        using var repo = new TempDirectory();
        File.WriteAllText(repo.Combine("build.xml"), """<project><target name="check"><junit/></target></project>""");

        Assert.Equal("ant", Resolver().Resolve(repo.Path, null)?.Name);
    }

    [Fact]
    public void AddTesting_RegistersEveryRunner()
    {
        var runners = new ServiceCollection().AddTesting().BuildServiceProvider().GetServices<ITestRunner>().Select(r => r.Name);

        Assert.Equal(["dotnet", "maven", "ant", "go", "node", "pytest", "generic"], runners);
    }
}
