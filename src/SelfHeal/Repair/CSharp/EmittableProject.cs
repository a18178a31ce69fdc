using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace SelfHeal.Repair.CSharp;

/// <summary>
/// A project's compilation set up to emit what MSBuild's Debug build emitted: the same assembly name, the sources
/// MSBuild generated in the newest intermediate folder (assembly attributes, global usings), Debug optimization,
/// deterministic, DEBUG/TRACE and the target framework's symbols; plus where the build copied the assembly under bin/.
/// </summary>
internal sealed partial class EmittableProject
{
    private static readonly EnumerationOptions Recursive = new() { RecurseSubdirectories = true, IgnoreInaccessible = true };

    private EmittableProject(string assemblyName, CSharpCompilation compilation, IReadOnlyList<string> outputs)
    {
        AssemblyName = assemblyName;
        Compilation = compilation;
        Outputs = outputs;
        Trees = compilation.SyntaxTrees.Where(t => t.FilePath.Length > 0).ToDictionary(t => t.FilePath, StringComparer.Ordinal);
    }

    public string AssemblyName { get; }

    public CSharpCompilation Compilation { get; }

    /// <summary>The full paths of the build's copies of <c>AssemblyName.dll</c> under bin/ folders of the worktree.</summary>
    public IReadOnlyList<string> Outputs { get; }

    public IReadOnlyDictionary<string, SyntaxTree> Trees { get; }

    /// <summary>Null when the project was not built, has resources, or has no copy of its assembly under bin/.</summary>
    public static EmittableProject? Load(string root, string projectPath, CSharpCompilation compilation)
    {
        var projectDir = Path.GetDirectoryName(projectPath)!;
        var projectText = File.ReadAllText(projectPath);
        if (projectText.Contains("EmbeddedResource", StringComparison.Ordinal) || Directory.EnumerateFiles(projectDir, "*.resx", Recursive).Any())
        {
            return null;
        }
        var name = Path.GetFileNameWithoutExtension(projectPath);
        var obj = Path.Combine(projectDir, "obj");
        var assemblyInfo = Directory.Exists(obj)
            ? Directory.EnumerateFiles(obj, name + ".AssemblyInfo.cs", Recursive).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            : null;
        if (assemblyInfo is null)
        {
            return null;
        }
        var assemblyName = AssemblyNamePattern().Match(projectText) is { Success: true } match ? match.Groups[1].Value.Trim() : name;
        var outputs = OutputsOf(root, assemblyName + ".dll");
        if (outputs.Count == 0)
        {
            return null;
        }
        var framework = ProjectProperties.Read(projectPath, root).TargetFramework;
        var sources = compilation.SyntaxTrees.Where(t => t.FilePath.Length > 0).ToList();
        var parse = (sources.Select(t => t.Options).OfType<CSharpParseOptions>().FirstOrDefault() ?? CSharpParseOptions.Default).WithPreprocessorSymbols(SymbolsFor(framework));
        var generated = Directory.EnumerateFiles(Path.GetDirectoryName(assemblyInfo)!, "*.cs").Order(StringComparer.Ordinal);
        var trees = sources.Select(t => CSharpSyntaxTree.ParseText(SourceText.From(t.GetText().ToString(), Encoding.UTF8), parse, t.FilePath))
            .Concat(generated.Select(g => CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(g), Encoding.UTF8), parse, g)))
            .ToList();
        var options = compilation.Options
            .WithOptimizationLevel(OptimizationLevel.Debug)
            .WithDeterministic(true)
            .WithModuleName(assemblyName + ".dll");
        return new EmittableProject(assemblyName, CSharpCompilation.Create(assemblyName, trees, compilation.References, options), outputs);
    }

    private static List<string> OutputsOf(string root, string fileName) =>
        [.. Directory.EnumerateFiles(root, fileName, Recursive)
            .Where(f => Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar) is var parts
                && parts.Contains("bin") && !parts.Contains("obj") && !parts.Contains(".git") && !parts.Contains("node_modules"))
            .Order(StringComparer.Ordinal)];

    private static List<string> SymbolsFor(string? framework)
    {
        var symbols = new List<string> { "DEBUG", "TRACE" };
        if (framework is not null && FrameworkPattern().Match(framework) is { Success: true } match)
        {
            var major = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var minor = match.Groups[2].Value;
            symbols.AddRange(["NET", "NETCOREAPP", $"NET{major}_{minor}"]);
            for (var version = 5; version <= major; version++)
            {
                symbols.Add($"NET{version}_0_OR_GREATER");
            }
            symbols.AddRange(["NETCOREAPP1_0_OR_GREATER", "NETCOREAPP1_1_OR_GREATER", "NETCOREAPP2_0_OR_GREATER", "NETCOREAPP2_1_OR_GREATER",
                "NETCOREAPP2_2_OR_GREATER", "NETCOREAPP3_0_OR_GREATER", "NETCOREAPP3_1_OR_GREATER"]);
        }
        return symbols;
    }

    [GeneratedRegex(@"<AssemblyName>([^<]+)</AssemblyName>", RegexOptions.None, 1000)]
    private static partial Regex AssemblyNamePattern();

    [GeneratedRegex(@"^net(\d+)\.(\d+)$", RegexOptions.None, 1000)]
    private static partial Regex FrameworkPattern();
}
