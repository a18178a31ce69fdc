namespace SelfHeal.Repair.CSharp.Templates;

/// <summary>
/// Members that are often confused for each other. A name maps to the alternatives tried, most likely first;
/// an alternative is only proposed when the receiver's type (or an extension in scope) has it.
/// </summary>
internal static class SimilarMembers
{
    private static readonly string[][] Groups =
    [
        ["First", "FirstOrDefault"],
        ["Last", "LastOrDefault"],
        ["Single", "SingleOrDefault"],
        ["ElementAt", "ElementAtOrDefault"],
        ["IndexOf", "LastIndexOf"],
        ["IndexOfAny", "LastIndexOfAny"],
        ["Min", "Max"],
        ["MinBy", "MaxBy"],
        ["MinValue", "MaxValue"],
        ["Floor", "Ceiling", "Round", "Truncate"],
        ["Trim", "TrimStart", "TrimEnd"],
        ["StartsWith", "EndsWith", "Contains"],
        ["Any", "All"],
        ["Count", "Length", "LongCount"],
        ["ToUpper", "ToLower", "ToUpperInvariant", "ToLowerInvariant"],
        ["ToUpperInvariant", "ToLowerInvariant", "ToUpper", "ToLower"],
        ["AddDays", "AddHours", "AddMonths", "AddYears", "AddMinutes"],
        ["Add", "Subtract"],
        ["Skip", "Take"],
        ["SkipWhile", "TakeWhile"],
        ["OrderBy", "OrderByDescending"],
        ["ThenBy", "ThenByDescending"],
        ["Where", "SkipWhile", "TakeWhile"],
        ["Union", "Intersect", "Except", "Concat"],
        ["Append", "Prepend"],
        ["Insert", "Add"],
        ["Remove", "RemoveAt"],
        ["ContainsKey", "ContainsValue"],
        ["TryAdd", "TryGetValue"],
        ["Parse", "TryParse"],
        ["Date", "Today", "Now", "UtcNow"],
        ["Now", "UtcNow"],
        ["Flush", "Dispose", "Close"],
        ["Abs", "Sign"],
        ["Start", "End"],
        ["Keys", "Values"],
        ["PadLeft", "PadRight"],
        ["Split", "SplitLast"],
        ["Substring", "Remove"],
        ["Equals", "ReferenceEquals"],
    ];

    private static readonly Dictionary<string, string[]> Alternatives = Groups
        .SelectMany(g => g.Select(name => (name, others: g.Where(o => o != name))))
        .GroupBy(p => p.name, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.SelectMany(p => p.others).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);

    /// <summary>The members to try instead of <paramref name="name"/>, most likely first.</summary>
    public static IReadOnlyList<string> For(string name) => Alternatives.GetValueOrDefault(name) ?? [];
}
