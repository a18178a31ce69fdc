namespace SelfHeal.Testing.Parsers;

/// <summary>One <c>testcase</c> of a JUnit XML report, with the names of the <c>testsuite</c>s around it, outermost first.</summary>
internal sealed record JUnitCase(string ClassName, string Name, TestStatus Status, TimeSpan Duration)
{
    public IReadOnlyList<string> Suites { get; init; } = [];

    /// <summary>The <c>file</c> attribute (pytest's xunit1 family, some JUnit 5 reporters), as written.</summary>
    public string? File { get; init; }

    public string? Message { get; init; }

    /// <summary>The failure, error or skip element's text: usually the stack trace.</summary>
    public string? Details { get; init; }

    /// <summary>Surefire reported a failure that passed on a rerun.</summary>
    public bool Flaky { get; init; }

    /// <summary>JUnit's usual id: <c>classname.name</c>, or the name alone without a class.</summary>
    public string QualifiedName => ClassName.Length > 0 ? ClassName + "." + Name : Name;

    public TestOutcome ToOutcome(string? id = null, string? file = null) =>
        new(id ?? QualifiedName, Name, Status, Duration)
        {
            Message = Message,
            StackTrace = Details,
            ClassName = ClassName.Length > 0 ? ClassName : null,
            File = file ?? File,
            Flaky = Flaky,
        };
}
