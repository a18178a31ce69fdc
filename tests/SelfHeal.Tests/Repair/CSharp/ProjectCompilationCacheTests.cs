using Microsoft.CodeAnalysis;
using SelfHeal.Processes;
using SelfHeal.Repair.CSharp;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Repair.CSharp;

public sealed class ProjectCompilationCacheTests
{
    [Fact]
    public async Task For_UnbuiltProject_CompilesWithFrameworkReferencesAndImplicitUsings()
    {
        using var fixture = await FixtureRepository.CreateAsync("csharp/currency-converter");

        var project = new ProjectCompilationCache().For(fixture.Path, Path.Combine(fixture.Path, "src/CurrencyConversion/RateTable.cs"));

        Assert.Empty(project.Compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.NotNull(project.TreeFor(Path.Combine(fixture.Path, "src/CurrencyConversion/RateTable.cs")));
        Assert.Equal(4, project.Compilation.SyntaxTrees.Count(t => t.FilePath.EndsWith(".cs", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task For_BuiltTestProject_ResolvesPackagesProjectReferencesAndGeneratedUsings()
    {
        Requires.Tool("dotnet");
        using var fixture = await FixtureRepository.CreateAsync("csharp/currency-converter");
        var build = await Requires.Processes.RunAsync(new CommandSpec("dotnet", ["build"], fixture.Path));
        Assert.True(build.Succeeded, build.Output);

        var cache = new ProjectCompilationCache();
        var project = cache.For(fixture.Path, Path.Combine(fixture.Path, "tests/CurrencyConversion.Tests/CurrencyConverterTests.cs"));

        Assert.Empty(project.Compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Same(project, cache.For(fixture.Path, Path.Combine(fixture.Path, "tests/CurrencyConversion.Tests/CurrencyConverterTests.cs")));
    }
}
