using System.Text.Json;
using SelfHeal.Processes;

namespace SelfHeal.Tests.Support;

/// <summary>
/// A fixture from <c>tests/fixtures</c>, materialized as a real git repository in a temp folder with
/// one commit. Dispose removes it.
/// </summary>
public sealed class FixtureRepository : IDisposable
{
    private readonly TempDirectory _directory;

    private FixtureRepository(TempDirectory directory, string fixturePath, JsonElement instance)
    {
        _directory = directory;
        FixturePath = fixturePath;
        Instance = instance;
    }

    /// <summary>The git repository's root.</summary>
    public string Path => _directory.Combine("repo");

    /// <summary>The fixture folder in the source tree (holds instance.json and fix.patch).</summary>
    public string FixturePath { get; }

    public JsonElement Instance { get; }

    /// <summary>The folder holding every fixture: <c>tests/fixtures</c> of this source tree.</summary>
    public static string FixturesRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !Directory.Exists(System.IO.Path.Combine(dir.FullName, "tests", "fixtures")))
            {
                dir = dir.Parent;
            }
            return dir is null
                ? throw new DirectoryNotFoundException("tests/fixtures not found above " + AppContext.BaseDirectory)
                : System.IO.Path.Combine(dir.FullName, "tests", "fixtures");
        }
    }

    /// <summary>Copies fixture <paramref name="name"/> (<c>csharp/null-order-lookup</c>) into a new git repository.</summary>
    public static async Task<FixtureRepository> CreateAsync(string name)
    {
        Requires.Tool("git");
        var fixturePath = System.IO.Path.Combine(FixturesRoot, name);
        var instance = JsonDocument.Parse(await File.ReadAllTextAsync(System.IO.Path.Combine(fixturePath, "instance.json"))).RootElement.Clone();
        var directory = new TempDirectory("selfheal-fixture");
        var fixture = new FixtureRepository(directory, fixturePath, instance);
        CopyDirectory(System.IO.Path.Combine(fixturePath, "repo"), fixture.Path);
        await fixture.GitAsync("init", "-q", "-b", "main");
        await fixture.GitAsync("add", "-A");
        await fixture.GitAsync("-c", "user.name=Fixture", "-c", "user.email=fixture@example.com", "commit", "-q", "-m", "Initial commit");
        return fixture;
    }

    /// <summary>Runs git in the repository and returns its output; fails the test when git fails.</summary>
    public async Task<string> GitAsync(params string[] arguments)
    {
        var result = await Requires.Processes.RunAsync(new CommandSpec("git", arguments, Path));
        Assert.True(result.Succeeded, $"git {string.Join(' ', arguments)} failed: {result.Output}");
        return result.Output;
    }

    public void Dispose() => _directory.Dispose();

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = System.IO.Path.GetRelativePath(source, file);
            if (relative.Split(System.IO.Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "__pycache__" or "node_modules"))
            {
                continue;
            }
            var destination = System.IO.Path.Combine(target, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
