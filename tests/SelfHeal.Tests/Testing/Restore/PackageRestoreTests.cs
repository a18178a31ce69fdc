using SelfHeal.Testing.Restore;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Testing.Restore;

public sealed class PackageRestoreTests : IDisposable
{
    private readonly TempDirectory _repo = new("selfheal-restore");

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void Specs_NodeProjectWithLockFile_IsNpmCiWithoutInstallScripts()
    {
        Write("package.json", """{ "scripts": { "test": "jest" }, "devDependencies": { "jest": "^29.0.0" } }""");
        Write("package-lock.json", "{}");

        var spec = Assert.Single(PackageRestore.Specs(_repo.Path, "node"));

        Assert.Equal("npm ci --ignore-scripts --no-audit --no-fund", spec.Display);
    }

    [Fact]
    public void Specs_NodeProjectWithoutLockFile_IsNpmInstall()
    {
        Write("package.json", """{ "dependencies": { "left-pad": "1.3.0" } }""");

        Assert.Equal("npm install --ignore-scripts --no-audit --no-fund", Assert.Single(PackageRestore.Specs(_repo.Path, "node")).Display);
    }

    [Theory]
    [InlineData("""{ "scripts": { "test": "node --test" } }""")]
    [InlineData("""{ "dependencies": {} }""")]
    [InlineData("not json")]
    public void Specs_NodeProjectWithoutDependencies_RestoresNothing(string packageJson)
    {
        Write("package.json", packageJson);

        Assert.Empty(PackageRestore.Specs(_repo.Path, "node"));
    }

    [Fact]
    public void Specs_NodeModulesPresent_RestoresNothing()
    {
        Write("package.json", """{ "dependencies": { "left-pad": "1.3.0" } }""");
        Write("node_modules/left-pad/index.js", "");

        Assert.Empty(PackageRestore.Specs(_repo.Path, "node"));
    }

    [Fact]
    public void Specs_DotnetSolution_RestoresTheSolution()
    {
        Write("Shop.slnx", "<Solution />");
        Write("tests/Shop.Tests/Shop.Tests.csproj", """<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="Microsoft.NET.Test.Sdk" /></ItemGroup></Project>""");

        Assert.Equal("dotnet restore Shop.slnx", Assert.Single(PackageRestore.Specs(_repo.Path, "dotnet")).Display);
    }

    [Theory]
    [InlineData("pytest")]
    [InlineData("generic")]
    public void Specs_OtherEcosystems_RestoreNothing(string runner)
    {
        Write("requirements.txt", "requests==2.31.0\n");

        Assert.Empty(PackageRestore.Specs(_repo.Path, runner));
    }

    private void Write(string relative, string text)
    {
        var path = _repo.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
