using SelfHeal.Coverage;
using SelfHeal.Testing;

namespace SelfHeal.Tests.Localization;

/// <summary>A test runner that returns canned results and remembers what it was asked to run.</summary>
internal sealed class FakeTestRunner(string name, Func<TestRunRequest, TestRunResult> respond) : ITestRunner
{
    public string Name { get; } = name;

    public List<TestRunRequest> Requests { get; } = [];

    public bool CanRun(string repositoryPath) => true;

    public Task<TestRunResult> RunAsync(TestRunRequest request, CancellationToken cancellationToken = default)
    {
        Requests.Add(request);
        return Task.FromResult(respond(request));
    }

    /// <summary>A result of <paramref name="tests"/> (id, passed) with the given coverage.</summary>
    public static TestRunResult Result(string runner, IEnumerable<(string Id, bool Passed)> tests, CoverageReport? coverage) =>
        new(runner, $"{runner} test", 1, [.. tests.Select(t => new TestOutcome(t.Id, t.Id, t.Passed ? TestStatus.Passed : TestStatus.Failed, TimeSpan.FromMilliseconds(5)))], "", TimeSpan.FromSeconds(1))
        {
            Coverage = coverage,
        };

    public static CoverageSlice Slice(IEnumerable<string> testIds, string file, params int[] lines) =>
        new([.. testIds], lines.Select(l => new SourceLine(file, l)).ToHashSet());
}

/// <summary>Resolves every repository to one runner (or none).</summary>
internal sealed class FakeTestRunnerResolver(ITestRunner? runner) : ITestRunnerResolver
{
    public List<(string Path, string? Command)> Calls { get; } = [];

    public ITestRunner? Resolve(string repositoryPath, string? command)
    {
        Calls.Add((repositoryPath, command));
        return runner;
    }
}
