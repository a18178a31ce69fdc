namespace SelfHeal.Testing;

/// <summary>One test's result, as reported by the ecosystem's own result file.</summary>
/// <param name="Id">
/// The id the runner can filter on: dotnet's fully qualified name, pytest's node id
/// (<c>tests/test_cart.py::test_total</c>), JUnit's <c>classname.name</c>, go's <c>pkg/TestName</c>.
/// </param>
/// <param name="Name">Display name.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Duration">Time the test itself took.</param>
public sealed record TestOutcome(string Id, string Name, TestStatus Status, TimeSpan Duration)
{
    /// <summary>Failure or skip message.</summary>
    public string? Message { get; init; }

    /// <summary>The failure's stack trace as printed by the test framework.</summary>
    public string? StackTrace { get; init; }

    /// <summary>The class, module or package the test belongs to, when the result file says.</summary>
    public string? ClassName { get; init; }

    /// <summary>Repo-relative path of the file that defines the test, when known.</summary>
    public string? File { get; init; }

    /// <summary>The test failed, then passed when run again: not evidence of the bug.</summary>
    public bool Flaky { get; init; }

    public bool IsFailure => Status is TestStatus.Failed or TestStatus.Error;
}
