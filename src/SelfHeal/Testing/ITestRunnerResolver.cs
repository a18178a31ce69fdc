namespace SelfHeal.Testing;

/// <summary>Chooses the test runner for a repository: the user's command when given, else the first runner whose detection matches.</summary>
public interface ITestRunnerResolver
{
    /// <summary>
    /// The runner for <paramref name="repositoryPath"/>. With <paramref name="command"/> set, a runner that runs that
    /// command (the ecosystem's own runner when the command is recognisably its tool, so result files are still read).
    /// Returns <see langword="null"/> when no runner recognises the repository and no command was given.
    /// </summary>
    ITestRunner? Resolve(string repositoryPath, string? command);
}
