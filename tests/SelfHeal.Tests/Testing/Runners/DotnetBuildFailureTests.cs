using SelfHeal.Testing;
using SelfHeal.Testing.Dotnet;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Testing.Runners;

public sealed class DotnetBuildFailureTests
{
    [Fact]
    public async Task RunAsync_CodeThatDoesNotCompile_IsABuildProblemWithTheCompilerError()
    {
        Requires.Tool("dotnet");
        using var project = new SampleProject(
            ("Broken.Tests/Broken.Tests.csproj", """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
                    <PackageReference Include="xunit" Version="2.9.3" />
                    <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
                  </ItemGroup>
                </Project>
                """),
            ("Broken.Tests/CartTests.cs", """
                namespace Broken.Tests;

                public class CartTests
                {
                    [Xunit.Fact]
                    public void Total() => Xunit.Assert.Equal(3, total);
                }
                """));
        var runner = new DotnetTestRunner(TestSandbox.Runner(), TimeProvider.System);
        Assert.True(runner.CanRun(project.Path));

        var result = await runner.RunAsync(new TestRunRequest(project.Path));

        Assert.Empty(result.Tests);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(
            "the build failed: Broken.Tests/CartTests.cs(6,50): error CS0103: The name 'total' does not exist in the current context",
            result.Problem);
    }
}
