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

    [Fact]
    public void Specs_OtherEcosystems_RestoreNothing()
    {
        Write("requirements.txt", "requests==2.31.0\n");

        Assert.Empty(PackageRestore.Specs(_repo.Path, "generic"));
    }

    [Fact]
    public void Specs_PythonWithRequirements_MakesAVenvAndInstallsWheelsOnly()
    {
        Write("requirements.txt", "# runtime\nrequests==2.31.0\n");
        Write("requirements-dev.txt", "pytest-timeout\n");

        var specs = PackageRestore.Specs(_repo.Path, "pytest", "/usr/bin/python3");

        Assert.Equal(2, specs.Count);
        Assert.Contains("-m venv --without-pip --system-site-packages .venv", specs[0].Arguments[1], StringComparison.Ordinal);
        Assert.Equal("/usr/bin/python3", specs[0].Arguments[2]);
        Assert.Equal(Path.Combine(_repo.Path, ".venv", "bin", "python"), specs[1].FileName);
        Assert.Equal(["-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--only-binary=:all:", "-r", "requirements.txt", "-r", "requirements-dev.txt"], specs[1].Arguments);
    }

    [Fact]
    public void Specs_PyprojectWithDependencies_ListsThemThroughTomllib()
    {
        Write("pyproject.toml", "[project]\nname = \"shop\"\ndependencies = [\n  \"attrs>=23\",\n]\n");

        var specs = PackageRestore.Specs(_repo.Path, "pytest");

        Assert.Equal(3, specs.Count);
        Assert.Contains("tomllib", specs[1].Arguments[1], StringComparison.Ordinal);
        Assert.Equal(["-r", Path.Combine(".venv", "pyproject-requirements.txt")], specs[2].Arguments.TakeLast(2));
    }

    [Theory]
    [InlineData("requirements.txt", "# nothing yet\n-i https://example.org/simple\n")]
    [InlineData("pyproject.toml", "[project]\nname = \"shop\"\n\n[tool.pytest.ini_options]\ntestpaths = [\"tests\"]\n")]
    public void Specs_PythonWithoutDependencies_RestoresNothing(string file, string text)
    {
        Write(file, text);

        Assert.Empty(PackageRestore.Specs(_repo.Path, "pytest"));
    }

    [Fact]
    public void Specs_PythonWithItsOwnVenv_RestoresNothing()
    {
        Write("requirements.txt", "requests\n");
        Write(".venv/bin/python", "");

        Assert.Empty(PackageRestore.Specs(_repo.Path, "pytest"));
    }

    [Fact]
    public void Specs_GoModuleWithRequirements_DownloadsModules()
    {
        Write("go.mod", "module example.com/shop\n\ngo 1.19\n\nrequire golang.org/x/text v0.3.8\n");

        Assert.Equal("go mod download", Assert.Single(PackageRestore.Specs(_repo.Path, "go")).Display);
    }

    [Fact]
    public void Specs_GoModuleWithoutRequirements_RestoresNothing()
    {
        Write("go.mod", "module example.com/shop\n\ngo 1.19\n");

        Assert.Empty(PackageRestore.Specs(_repo.Path, "go"));
    }

    [Fact]
    public void Specs_Maven_FetchesDependenciesAndPluginsForOfflineTests()
    {
        Write("pom.xml", "<project />");

        Assert.Equal("mvn -B -q dependency:go-offline", Assert.Single(PackageRestore.Specs(_repo.Path, "maven")).Display);
    }

    private void Write(string relative, string text)
    {
        var path = _repo.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
