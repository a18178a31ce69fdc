using SelfHeal.Processes;

namespace SelfHeal.Tests.Support;

/// <summary>A real git repository in a temp folder, built file by file by the test.</summary>
public sealed class GitRepository : IDisposable
{
    private readonly TempDirectory _dir = new("selfheal-git");

    private GitRepository() { }

    public string Path => _dir.Path;

    public static async Task<GitRepository> InitAsync()
    {
        Requires.Tool("git");
        var repo = new GitRepository();
        await repo.GitAsync("init", "-q", "-b", "main");
        return repo;
    }

    public void Write(string relativePath, string content)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    public string Read(string relativePath) => File.ReadAllText(System.IO.Path.Combine(Path, relativePath));

    /// <summary>Stages everything and commits; returns the new commit id.</summary>
    public async Task<string> CommitAllAsync(string message = "change", string? date = null)
    {
        await GitAsync("add", "-A");
        var env = date is null ? [] : new[] { "-c", "user.useConfigOnly=false" };
        var args = new List<string> { "-c", "user.name=Test", "-c", "user.email=test@example.com" };
        args.AddRange(env);
        args.AddRange(["commit", "-q", "-m", message]);
        if (date is not null)
        {
            args.AddRange(["--date", date]);
        }
        await GitAsync([.. args]);
        return (await GitAsync("rev-parse", "HEAD")).Trim();
    }

    public async Task<string> GitAsync(params string[] arguments)
    {
        var result = await Requires.Processes.RunAsync(new CommandSpec("git", arguments, Path));
        Assert.True(result.Succeeded, $"git {string.Join(' ', arguments)} failed: {result.Output}");
        return result.Output;
    }

    public void Dispose() => _dir.Dispose();
}
