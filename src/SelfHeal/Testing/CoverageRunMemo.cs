using System.Collections.Concurrent;

namespace SelfHeal.Testing;

/// <summary>
/// An in-process hand-over of one test run with coverage, so a run made for one purpose (reproduce's rerun of the
/// failing tests) can also serve another (localize's coverage of those tests) instead of running them again.
/// An optimisation only: entries live in memory, each is taken at most once, and a reader that finds nothing (a
/// resumed run, another process) simply runs the tests itself. Keyed by workspace, command and the exact set of test
/// ids run. Thread-safe.
/// </summary>
/// <param name="wants">Whether a run of the named runner is worth keeping (its coverage would otherwise be re-collected).</param>
internal sealed class CoverageRunMemo(Func<string, bool> wants)
{
    /// <summary>Entries beyond this many are dropped oldest first; a memo is a hand-over, not a cache.</summary>
    private const int Capacity = 32;

    private readonly ConcurrentDictionary<string, TestRunResult> _runs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    /// <summary>Whether a run by <paramref name="runner"/> should collect coverage to be kept here.</summary>
    public bool Wants(string runner) => wants(runner);

    /// <summary>Keeps <paramref name="result"/>, a run of <paramref name="testIds"/>, when it carries coverage.</summary>
    public void Put(string workspacePath, string? command, IReadOnlyCollection<string> testIds, TestRunResult result)
    {
        if (result.Coverage is not { Slices.Count: > 0 } || testIds.Count == 0)
        {
            return;
        }
        var key = Key(workspacePath, command, testIds);
        _runs[key] = result;
        _order.Enqueue(key);
        while (_order.Count > Capacity && _order.TryDequeue(out var old))
        {
            _runs.TryRemove(old, out _);
        }
    }

    /// <summary>Takes (and forgets) the run kept for exactly these tests, if any.</summary>
    public TestRunResult? Take(string workspacePath, string? command, IReadOnlyCollection<string> testIds) =>
        testIds.Count > 0 && _runs.TryRemove(Key(workspacePath, command, testIds), out var result) ? result : null;

    private static string Key(string workspacePath, string? command, IEnumerable<string> testIds) =>
        string.Join('\n', [Path.GetFullPath(workspacePath), command ?? "", .. testIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
}
