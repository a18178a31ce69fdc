using System.Text.RegularExpressions;

namespace SelfHeal.Repair.CSharp;

/// <summary>The few MSBuild settings the in-memory compilation needs, read from the project file and the Directory.Build.props above it.</summary>
internal sealed partial record ProjectProperties(string ProjectPath, string? TargetFramework, bool Nullable, bool ImplicitUsings, string? LangVersion, bool Web, IReadOnlyList<string> ProjectReferences)
{
    public static ProjectProperties Read(string projectPath, string workspacePath)
    {
        var files = new List<string>();
        var dir = Path.GetDirectoryName(projectPath);
        var root = Path.GetFullPath(workspacePath);
        while (dir is not null && dir.StartsWith(root, StringComparison.Ordinal))
        {
            var props = Path.Combine(dir, "Directory.Build.props");
            if (File.Exists(props))
            {
                files.Insert(0, props);
            }
            dir = Path.GetDirectoryName(dir);
        }
        files.Add(projectPath);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var text = string.Empty;
        foreach (var file in files)
        {
            text = File.ReadAllText(file);
            foreach (Match match in PropertyPattern().Matches(text))
            {
                values[match.Groups[1].Value] = match.Groups[2].Value.Trim();
            }
        }
        var framework = values.GetValueOrDefault("TargetFramework") ?? values.GetValueOrDefault("TargetFrameworks")?.Split(';')[0];
        var references = ProjectReferencePattern().Matches(text)
            .Select(m => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(projectPath)!, m.Groups[1].Value.Replace('\\', '/'))))
            .ToList();
        return new ProjectProperties(
            projectPath,
            framework,
            string.Equals(values.GetValueOrDefault("Nullable"), "enable", StringComparison.OrdinalIgnoreCase),
            values.GetValueOrDefault("ImplicitUsings") is { } usings && (usings.Equals("enable", StringComparison.OrdinalIgnoreCase) || usings.Equals("true", StringComparison.OrdinalIgnoreCase)),
            values.GetValueOrDefault("LangVersion"),
            text.Contains("Microsoft.NET.Sdk.Web", StringComparison.Ordinal),
            references);
    }

    [GeneratedRegex(@"<(TargetFrameworks?|Nullable|ImplicitUsings|LangVersion)>([^<]*)</\1>", RegexOptions.None, 1000)]
    private static partial Regex PropertyPattern();

    [GeneratedRegex(@"<ProjectReference\s+Include=""([^""]+)""", RegexOptions.None, 1000)]
    private static partial Regex ProjectReferencePattern();
}
