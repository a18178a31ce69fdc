using SelfHeal.Coverage;
using SelfHeal.Testing.Parsers;

namespace SelfHeal.Testing.Pytest;

/// <summary>Turns JUnit test cases and coverage.py contexts into pytest node ids (<c>tests/test_cart.py::TestCart::test_total</c>).</summary>
internal static class PytestNodeIds
{
    /// <summary>
    /// The node id of <paramref name="testCase"/>: from its <c>file</c> attribute when present, else by finding the
    /// module file that a prefix of the dotted <c>classname</c> names under <paramref name="root"/>.
    /// </summary>
    public static (string Id, string? File) Of(JUnitCase testCase, string root)
    {
        var parts = testCase.ClassName.Length > 0 ? testCase.ClassName.Split('.') : [];
        if (testCase.File is { } file)
        {
            file = file.Replace('\\', '/');
            var module = file.EndsWith(".py", StringComparison.Ordinal) ? file[..^3].Split('/') : [];
            var classes = parts.Length > module.Length && parts.Take(module.Length).SequenceEqual(module) ? parts[module.Length..]
                : parts.Length > 0 && module.Length > 0 && Array.LastIndexOf(parts, module[^1]) is var at and >= 0 ? parts[(at + 1)..]
                : [];
            return (string.Join("::", [file, .. classes, testCase.Name]), file);
        }
        for (var i = parts.Length; i >= 1; i--)
        {
            var candidate = string.Join('/', parts.Take(i)) + ".py";
            if (System.IO.File.Exists(Path.Combine(root, candidate)))
            {
                return (string.Join("::", [candidate, .. parts[i..], testCase.Name]), candidate);
            }
        }
        if (parts.Length == 0 && testCase.Name.Contains('.', StringComparison.Ordinal))
        {
            // A collection error names the module: "tests.test_cart".
            var module = testCase.Name.Replace('.', '/') + ".py";
            if (System.IO.File.Exists(Path.Combine(root, module)))
            {
                return (module, module);
            }
        }
        return (testCase.QualifiedName, null);
    }

    /// <summary>
    /// One slice per coverage context that names tests in <paramref name="tests"/>: a context such as
    /// <c>test_cart.TestCart.test_param</c> matches every node id whose dotted form ends with it (so all
    /// parameterisations of one function share a slice: coverage.py cannot tell them apart).
    /// </summary>
    public static IReadOnlyList<CoverageSlice> Slices(IReadOnlyDictionary<string, HashSet<SourceLine>> contexts, IEnumerable<TestOutcome> tests)
    {
        var dotted = tests.Where(t => t.Status != TestStatus.Skipped)
            .Select(t => t.Id).Distinct(StringComparer.Ordinal)
            .Select(id => (Id: id, Dotted: Dotted(id)))
            .ToList();
        var slices = new Dictionary<string, (List<string> Ids, HashSet<SourceLine> Lines)>(StringComparer.Ordinal);
        foreach (var (context, lines) in contexts)
        {
            var ids = dotted.Where(d => d.Dotted == context || d.Dotted.EndsWith("." + context, StringComparison.Ordinal)).Select(d => d.Id).ToList();
            if (ids.Count == 0)
            {
                continue;
            }
            var key = string.Join('\n', ids);
            if (!slices.TryGetValue(key, out var slice))
            {
                slices[key] = slice = (ids, []);
            }
            slice.Lines.UnionWith(lines);
        }
        return slices.Values.Select(s => new CoverageSlice(s.Ids, s.Lines)).ToList();
    }

    /// <summary><c>tests/test_cart.py::TestCart::test_param[1]</c> as <c>tests.test_cart.TestCart.test_param</c>.</summary>
    public static string Dotted(string nodeId)
    {
        var parts = nodeId.Split("::");
        var module = parts[0].EndsWith(".py", StringComparison.Ordinal) ? parts[0][..^3] : parts[0];
        var rest = parts.Skip(1).Select(p => p.IndexOf('[', StringComparison.Ordinal) is var b and > 0 ? p[..b] : p);
        return string.Join('.', new[] { module.Replace('/', '.') }.Concat(rest));
    }
}
