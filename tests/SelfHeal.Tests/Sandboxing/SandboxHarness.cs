using SelfHeal.Processes;
using SelfHeal.Sandboxing;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Sandboxing;

/// <summary>
/// A run layout for one sandbox test: <c>worktree/</c> (the writable root, holding an adversarial
/// fixture's files when one is given) next to <c>home/</c> (a fake host home with a planted key), both
/// in a temp folder the sandbox must not see beyond the worktree.
/// </summary>
internal sealed class SandboxHarness : IDisposable
{
    private readonly TempDirectory _root = new("selfheal-sbx");

    public SandboxHarness(string? fixture = null)
    {
        Directory.CreateDirectory(Worktree);
        if (fixture is not null)
        {
            CopyDirectory(Path.Combine(FixtureRepository.FixturesRoot, "adversarial", fixture, "repo"), Worktree);
        }
    }

    /// <summary>A marker unique to this test, for files and process command lines.</summary>
    public string Mark { get; } = Guid.NewGuid().ToString("N")[..16];

    public string Worktree => _root.Combine("worktree");

    /// <summary>The folder holding the worktree, which the sandbox must not write to.</summary>
    public string Parent => _root.Path;

    public static string RealHome => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    /// <summary>The real bubblewrap sandbox; fails the test when bwrap is missing.</summary>
    /// <param name="useCgroups"><see langword="false"/> to exercise the rlimit-only fallback.</param>
    public static ISandbox Bubblewrap(bool useCgroups = true)
    {
        Requires.Tool("bwrap");
        return useCgroups
            ? SandboxFactory.Create(new SandboxOptions(), new ProcessRunner(), TimeProvider.System)
            : new BubblewrapSandbox(Requires.FindOnPath("bwrap")!, new SandboxOptions(), TimeProvider.System) { UseCgroups = false };
    }

    /// <summary>A command running the fixture's <c>run-tests.sh</c> (its path is on every process's command line).</summary>
    public SandboxedCommand RunTests(TimeSpan timeout, SandboxLimits? limits = null, IReadOnlyDictionary<string, string?>? environment = null) =>
        new(new CommandSpec("/bin/sh", [Path.Combine(Worktree, "run-tests.sh")], Worktree)
        {
            Timeout = timeout,
            MaxOutputChars = 64 * 1024,
            Environment = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>()) { ["SANDBOX_MARK"] = Mark },
        }, Worktree)
        { Limits = limits ?? SmallLimits };

    /// <summary>A shell command run in the worktree.</summary>
    public SandboxedCommand Shell(string commandLine, SandboxLimits? limits = null) =>
        new(CommandSpec.Shell(commandLine, Worktree) with { Timeout = TimeSpan.FromMinutes(2) }, Worktree) { Limits = limits };

    /// <summary>Limits small enough that an adversarial fixture costs little.</summary>
    public static SandboxLimits SmallLimits { get; } = new()
    {
        MemoryBytes = 256L * 1024 * 1024,
        MaxProcesses = 64,
        MaxFileSizeBytes = 16L * 1024 * 1024,
        MaxOutputChars = 1024 * 1024,
    };

    /// <summary>Host processes whose command line contains <paramref name="text"/>.</summary>
    public static List<int> HostProcessesWith(string text)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(text, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return found;
    }

    public void Dispose() => _root.Dispose();

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
    }
}
