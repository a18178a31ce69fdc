using SelfHeal.AgentTrace;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Delivery.PullRequests;

/// <summary>A working repository with a fix branch and its Agent Trace note, and a bare repository standing for the forge's remote.</summary>
internal sealed class ForgeRepositories : IDisposable
{
    public const string Branch = "selfheal/01JRUN";

    private readonly TempDirectory _bare = new("selfheal-bare");

    private ForgeRepositories(GitRepository work) => Work = work;

    public GitRepository Work { get; }

    public string BarePath => _bare.Path;

    public string Commit { get; private set; } = "";

    public static async Task<ForgeRepositories> CreateAsync()
    {
        var work = await GitRepository.InitAsync();
        var repos = new ForgeRepositories(work);
        work.Write("calc.py", "def add(a, b):\n    return a - b\n");
        await work.CommitAllAsync("buggy");
        await work.GitAsync("init", "-q", "--bare", repos.BarePath);
        await work.GitAsync("push", "-q", repos.BarePath, "main:main");
        await work.GitAsync("checkout", "-q", "-b", Branch);
        work.Write("calc.py", "def add(a, b):\n    return a + b\n");
        repos.Commit = (await work.CommitAllAsync("Fix add")).Trim();
        await work.GitAsync("-c", "user.name=SelfHeal", "-c", "user.email=selfheal@localhost", "notes", $"--ref={TraceNotes.Ref}", "add", "-m", """{"version":"0.1.0","id":"trace-1"}""", repos.Commit);
        return repos;
    }

    /// <summary>What the bare repository has at <paramref name="reference"/>, or null.</summary>
    public async Task<string?> BareRefAsync(string reference)
    {
        var result = await Requires.Processes.RunAsync(new SelfHeal.Processes.CommandSpec("git", ["--git-dir", BarePath, "rev-parse", "--verify", "-q", reference], BarePath));
        return result.Succeeded ? result.Output.Trim() : null;
    }

    public void Dispose()
    {
        Work.Dispose();
        _bare.Dispose();
    }
}
