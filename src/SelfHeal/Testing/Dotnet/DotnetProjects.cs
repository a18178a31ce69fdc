using SelfHeal.Testing.Running;

namespace SelfHeal.Testing.Dotnet;

/// <summary>Finds what <c>dotnet test</c> should be pointed at in a repository.</summary>
internal static class DotnetProjects
{
    private static readonly string[] TestMarkers = ["Microsoft.NET.Test.Sdk", "MSTest.Sdk", "<IsTestProject>true</IsTestProject>", "xunit.v3", "TUnit"];

    /// <summary>
    /// The targets to test, relative to <paramref name="root"/>: the solution at the root when there is exactly one
    /// (<c>.sln</c> preferred over <c>.slnx</c> of the same name), else every test project. Empty when the repository
    /// has no test project.
    /// </summary>
    public static IReadOnlyList<string> FindTestTargets(string root)
    {
        if (!Directory.Exists(root))
        {
            return [];
        }
        var projects = RepositoryFiles.Find(root, IsProjectOrProps).ToList();
        var testProps = projects.Where(p => Path.GetFileName(p) == "Directory.Build.props" && IsTestMarked(p)).Select(Path.GetDirectoryName).ToList();
        var testProjects = projects
            .Where(p => !p.EndsWith(".props", StringComparison.Ordinal))
            .Where(p => IsTestMarked(p) || testProps.Any(dir => p.StartsWith(dir + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            .ToList();
        if (testProjects.Count == 0)
        {
            return [];
        }
        var solutions = Directory.GetFiles(root).Where(f => f.EndsWith(".sln", StringComparison.Ordinal) || f.EndsWith(".slnx", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        var distinct = solutions.GroupBy(Path.GetFileNameWithoutExtension).ToList();
        return distinct.Count == 1
            ? [Path.GetFileName(distinct[0].First())]
            : testProjects.Select(p => Path.GetRelativePath(root, p)).ToList();
    }

    private static bool IsProjectOrProps(string name) =>
        name.EndsWith(".csproj", StringComparison.Ordinal) || name.EndsWith(".fsproj", StringComparison.Ordinal)
        || name.EndsWith(".vbproj", StringComparison.Ordinal) || name == "Directory.Build.props";

    private static bool IsTestMarked(string path)
    {
        var text = RepositoryFiles.ReadOrEmpty(path);
        return TestMarkers.Any(m => text.Contains(m, StringComparison.OrdinalIgnoreCase));
    }
}
