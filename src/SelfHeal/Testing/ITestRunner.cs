namespace SelfHeal.Testing;

/// <summary>
/// One test ecosystem: knows whether a repo uses it, how to run its tests and how to read its result
/// files into <see cref="TestOutcome"/>s. Implementations are stateless and thread-safe.
/// </summary>
public interface ITestRunner
{
    /// <summary>Short name used in reports and with <c>--runner</c>: <c>dotnet</c>, <c>pytest</c>, <c>node</c>, <c>go</c>, <c>maven</c>, <c>generic</c>.</summary>
    string Name { get; }

    /// <summary>Whether the repository at <paramref name="repositoryPath"/> looks like this ecosystem's.</summary>
    bool CanRun(string repositoryPath);

    /// <summary>Runs the tests. Never throws for a failing, missing or broken test command; only for cancellation.</summary>
    Task<TestRunResult> RunAsync(TestRunRequest request, CancellationToken cancellationToken = default);
}
