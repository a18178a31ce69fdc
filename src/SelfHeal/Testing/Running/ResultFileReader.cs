using SelfHeal.Testing.Parsers;

namespace SelfHeal.Testing.Running;

/// <summary>Finds and reads the JUnit reports a command wrote into the repository during a run.</summary>
internal static class ResultFileReader
{
    /// <summary>Every JUnit XML file under <paramref name="root"/> written since <paramref name="started"/> whose name satisfies <paramref name="match"/>.</summary>
    public static IReadOnlyList<JUnitCase> JUnitWrittenSince(string root, DateTimeOffset started, Func<string, bool>? match = null) =>
        RepositoryFiles.WrittenSince(root, started, match ?? (n => n.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)))
            .Where(JUnitXmlParser.IsJUnitReport)
            .SelectMany(JUnitXmlParser.ParseFile)
            .ToList();

    /// <summary>Surefire's and Ant's report names: <c>TEST-*.xml</c>.</summary>
    public static bool IsJUnitReportName(string name) =>
        name.StartsWith("TEST-", StringComparison.Ordinal) && name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase);
}
