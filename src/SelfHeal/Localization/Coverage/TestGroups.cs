namespace SelfHeal.Localization.Coverage;

/// <summary>Splits test ids into at most a given number of groups of about equal size, keeping each test class whole.</summary>
internal static class TestGroups
{
    /// <summary>
    /// The groups, in a stable order: classes (the id up to its last <c>.</c> or <c>::</c>) largest first go to the smallest group so
    /// far; with fewer classes than groups, the ids themselves are dealt out in order. Empty for no ids.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> ByClass(IReadOnlyList<string> testIds, int maxGroups)
    {
        if (testIds.Count == 0)
        {
            return [];
        }
        var count = Math.Clamp(maxGroups, 1, testIds.Count);
        var classes = testIds
            .GroupBy(ClassOf, StringComparer.Ordinal)
            .Select(g => g.Order(StringComparer.Ordinal).ToList())
            .OrderByDescending(g => g.Count)
            .ThenBy(g => g[0], StringComparer.Ordinal)
            .ToList();
        if (classes.Count < count)
        {
            var ordered = testIds.Order(StringComparer.Ordinal).ToList();
            var size = (int)Math.Ceiling(ordered.Count / (double)count);
            return [.. ordered.Chunk(size).Select(c => (IReadOnlyList<string>)c)];
        }
        var groups = Enumerable.Range(0, count).Select(_ => new List<string>()).ToList();
        foreach (var cls in classes)
        {
            groups.MinBy(g => g.Count)!.AddRange(cls);
        }
        return [.. groups.Where(g => g.Count > 0)];
    }

    private static string ClassOf(string id)
    {
        var s = TestIds.Normalize(id);
        var cut = s.LastIndexOfAny(['.', ':']);
        return cut > 0 ? s[..cut] : "";
    }
}
