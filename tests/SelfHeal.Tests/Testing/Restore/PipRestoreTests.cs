using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using SelfHeal.Testing;
using SelfHeal.Testing.Pytest;
using SelfHeal.Testing.Restore;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Testing.Restore;

/// <summary>
/// pip restore for real, in bubblewrap: a repository whose tests import a package it declares in requirements.txt, served
/// from a folder of wheels (<c>--find-links</c>, as a vendored or mirrored index would be).
/// </summary>
public sealed class PipRestoreTests : IDisposable
{
    private const string Test = """
        import tinyfmt


        def test_shout():
            assert tinyfmt.shout("hi") == "HI!"
        """;

    private readonly TempDirectory _repo = new("selfheal-pip");

    public void Dispose() => _repo.Dispose();

    [Fact]
    public async Task RestoreAsync_RequirementFromAWheel_IsInstalledIntoAVenvTheTestsThenUse()
    {
        Requires.Tool("python3");
        var sandbox = TestSandbox.Runner();
        Write("requirements.txt", "--no-index\n--find-links wheels\ntinyfmt==1.0\n");
        Write("tests/test_fmt.py", Test);
        WriteWheel("wheels/tinyfmt-1.0-py3-none-any.whl", "tinyfmt", "1.0", "def shout(text):\n    return text.upper() + \"!\"\n");

        var restored = await new PackageRestore(sandbox).RestoreAsync(_repo.Path, "pytest", TimeSpan.FromMinutes(3));

        Assert.NotNull(restored);
        Assert.Null(restored.Problem);
        Assert.True(File.Exists(_repo.Combine(".venv", "bin", "python")));
        Assert.Equal("*\n", await File.ReadAllTextAsync(_repo.Combine(".venv", ".gitignore")));
        var result = await new PytestRunner(sandbox, TimeProvider.System).RunAsync(new TestRunRequest(_repo.Path));
        Assert.Null(result.Problem);
        Assert.Equal("tests/test_fmt.py::test_shout", Assert.Single(result.Tests, t => t.Status == TestStatus.Passed).Id);
    }

    [Fact]
    public async Task RestoreAsync_SourceDistributionOnly_IsRefusedWithoutRunningItsBuildCode()
    {
        Requires.Tool("python3");
        Write("requirements.txt", "--no-index\n--find-links wheels\nevilpkg==1.0\n");
        var marker = _repo.Combine("setup-ran");
        WriteSdist("wheels/evilpkg-1.0.tar.gz", "evilpkg", "1.0", $"open({marker.ToPythonString()}, 'w').write('ran')\nfrom setuptools import setup\nsetup(name='evilpkg', version='1.0')\n");

        var restored = await new PackageRestore(TestSandbox.Runner()).RestoreAsync(_repo.Path, "pytest", TimeSpan.FromMinutes(3));

        Assert.NotNull(restored);
        Assert.NotNull(restored.Problem);
        Assert.Contains("evilpkg", restored.Problem, StringComparison.Ordinal);
        Assert.False(File.Exists(marker));
    }

    private void Write(string relative, string text)
    {
        var path = _repo.Combine(relative.Split('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>A minimal pure-Python wheel (PEP 427): the module, METADATA, WHEEL and a RECORD with real hashes.</summary>
    private void WriteWheel(string relative, string name, string version, string module)
    {
        var path = _repo.Combine(relative.Split('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var info = $"{name}-{version}.dist-info";
        var files = new List<(string Name, string Text)>
        {
            ($"{name}/__init__.py", module),
            ($"{info}/METADATA", $"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"),
            ($"{info}/WHEEL", "Wheel-Version: 1.0\nGenerator: selfheal-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n"),
        };
        var record = new StringBuilder();
        foreach (var (file, text) in files)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var hash = Convert.ToBase64String(SHA256.HashData(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            record.Append($"{file},sha256={hash},{bytes.Length}\n");
        }
        record.Append($"{info}/RECORD,,\n");
        files.Add(($"{info}/RECORD", record.ToString()));
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (file, text) in files)
        {
            using var writer = new StreamWriter(zip.CreateEntry(file).Open(), new UTF8Encoding(false));
            writer.Write(text);
        }
    }

    /// <summary>A source distribution whose setup.py would write a file if anything ran it.</summary>
    private void WriteSdist(string relative, string name, string version, string setupPy)
    {
        var path = _repo.Combine(relative.Split('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var staging = _repo.Combine("sdist-staging");
        var root = Path.Combine(staging, $"{name}-{version}");
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "setup.py"), setupPy);
        File.WriteAllText(Path.Combine(root, "PKG-INFO"), $"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n");
        using (var output = File.Create(path))
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            System.Formats.Tar.TarFile.CreateFromDirectory(staging, gzip, includeBaseDirectory: false);
        }
        Directory.Delete(staging, recursive: true);
    }
}

file static class PythonStrings
{
    public static string ToPythonString(this string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
