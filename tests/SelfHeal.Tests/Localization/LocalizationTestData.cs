using SelfHeal.Code;
using SelfHeal.Processes;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Localization;

/// <summary>The files under <c>TestData/Localization</c>, read in place or copied into temporary (git) repositories.</summary>
internal static class LocalizationTestData
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "TestData", "Localization");

    /// <summary>Reads <paramref name="relative"/> (without the <c>.txt</c> suffix C# files are stored with) as a source file.</summary>
    public static SourceFile Load(string relative)
    {
        var stored = Path.Combine(Root, relative);
        var text = File.ReadAllText(File.Exists(stored) ? stored : stored + ".txt");
        return new SourceFile(relative.Split('/', 2)[^1], text);
    }

    /// <summary>Copies folder <paramref name="name"/> into a new temp folder, dropping the <c>.txt</c> suffixes.</summary>
    public static TempDirectory Materialize(string name)
    {
        var directory = new TempDirectory("selfheal-localize");
        var source = Path.Combine(Root, name);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.EndsWith(".cs.txt", StringComparison.Ordinal))
            {
                relative = relative[..^4];
            }
            var target = directory.Combine(relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return directory;
    }

    /// <summary>Copies folder <paramref name="name"/> into a new git repository with one commit.</summary>
    public static async Task<TempDirectory> GitRepositoryAsync(string name)
    {
        Requires.Tool("git");
        var directory = Materialize(name);
        await GitAsync(directory.Path, "init", "-q", "-b", "main");
        await CommitAllAsync(directory.Path, "Initial commit", "2024-01-01T10:00:00Z");
        return directory;
    }

    /// <summary>Commits every change with a fixed author and committer date.</summary>
    public static async Task CommitAllAsync(string repository, string message, string date)
    {
        await GitAsync(repository, "add", "-A");
        var environment = new Dictionary<string, string?> { ["GIT_AUTHOR_DATE"] = date, ["GIT_COMMITTER_DATE"] = date };
        var spec = new CommandSpec("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", message], repository) { Environment = environment };
        var result = await Requires.Processes.RunAsync(spec);
        Assert.True(result.Succeeded, $"git commit failed: {result.Output}");
    }

    public static async Task<string> GitAsync(string repository, params string[] arguments)
    {
        var result = await Requires.Processes.RunAsync(new CommandSpec("git", arguments, repository));
        Assert.True(result.Succeeded, $"git {string.Join(' ', arguments)} failed: {result.Output}");
        return result.Output;
    }
}
