namespace SelfHeal.Benchmarks;

/// <summary>
/// Matches test names written in different conventions: SWE-bench's <c>tests/test_x.py::TestA::test_b</c>,
/// JUnit's <c>tests.test_x.TestA.test_b</c>, .NET's <c>Ns.Class.Method</c>. Two names match when the
/// shorter one's parts (file extensions dropped) end the longer one's.
/// </summary>
public static class TestIds
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { "py", "js", "mjs", "cjs", "ts", "java", "go", "cs" };

    public static bool Match(string left, string right)
    {
        var a = Parts(left);
        var b = Parts(right);
        if (a.Count == 0 || b.Count == 0)
        {
            return false;
        }
        var (shorter, longer) = a.Count <= b.Count ? (a, b) : (b, a);
        return longer.Skip(longer.Count - shorter.Count).SequenceEqual(shorter, StringComparer.Ordinal);
    }

    private static List<string> Parts(string id) =>
        [.. id.Split(['/', '\\', ':', '.', '#', ' '], StringSplitOptions.RemoveEmptyEntries).Where(p => !Extensions.Contains(p))];
}
