namespace SelfHeal.Benchmarks;

/// <summary>
/// One benchmark instance: a repository state with a bug, how to test it and, optionally, the true fix.
/// Either a folder (<see cref="Folder"/>, an <c>instance.json</c> beside or around it) or a SWE-bench line
/// (<see cref="CloneFrom"/> at <see cref="BaseCommit"/> with <see cref="TestPatch"/> applied).
/// </summary>
/// <param name="Id">The instance's name in tables and predictions (<c>csharp/invoice-service</c>, <c>django__django-11099</c>).</param>
/// <param name="Origin">Where it was read from: the <c>instance.json</c> path, or <c>FILE:LINE</c> of a JSONL file.</param>
public sealed record BenchInstance(string Id, string Origin)
{
    /// <summary>A folder holding the repository's files (a git repository or plain files).</summary>
    public string? Folder { get; init; }

    /// <summary>A local git clone to check out <see cref="BaseCommit"/> from (SWE-bench instances).</summary>
    public string? CloneFrom { get; init; }

    /// <summary>The commit to work at in <see cref="CloneFrom"/>.</summary>
    public string? BaseCommit { get; init; }

    /// <summary>A unified diff adding the tests that show the bug, applied before the run (SWE-bench's <c>test_patch</c>).</summary>
    public string? TestPatch { get; init; }

    /// <summary>The command that runs the tests; auto-detected when absent.</summary>
    public string? TestCommand { get; init; }

    /// <summary>The bug in words (the issue text), given to the run as its report.</summary>
    public string? Description { get; init; }

    /// <summary>The true (human) fix as a unified diff, when known: used to score correctness.</summary>
    public string? TrueFix { get; init; }

    /// <summary>The programming language, when the instance says.</summary>
    public string? Language { get; init; }

    /// <summary>Tests that fail before the fix and must pass after it.</summary>
    public IReadOnlyList<string> FailToPass { get; init; } = [];

    /// <summary>Tests that pass before the fix and must still pass after it.</summary>
    public IReadOnlyList<string> PassToPass { get; init; } = [];
}

/// <summary>An instance that could not be read, and why; the others still run.</summary>
public sealed record BenchLoadProblem(string Origin, string Message);

/// <summary>What a benchmark path held: the instances that could be read and the problems with the rest.</summary>
public sealed record BenchLoadResult(IReadOnlyList<BenchInstance> Instances, IReadOnlyList<BenchLoadProblem> Problems);
