using SelfHeal.Processes;
using SelfHeal.Sandboxing;

namespace SelfHeal.Tests.Support;

/// <summary>The real bubblewrap sandbox that runners and checkers under test run their commands in.</summary>
public static class TestSandbox
{
    /// <summary>Default options, with a package cache shared by the test runs instead of the user's data folder.</summary>
    public static SandboxOptions Options { get; } = new() { CacheDirectory = Path.Combine(Path.GetTempPath(), "selfheal-test-cache") };

    private static readonly Lazy<SandboxedCommandRunner> Shared = new(() => new SandboxedCommandRunner(
        SandboxFactory.Create(Options, new ProcessRunner(), TimeProvider.System), Options));

    /// <summary>Runs commands under bubblewrap; fails the test when bwrap is missing.</summary>
    public static SandboxedCommandRunner Runner()
    {
        Requires.Tool("bwrap");
        return Shared.Value;
    }
}
