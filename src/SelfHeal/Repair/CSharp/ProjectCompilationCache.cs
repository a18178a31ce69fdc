using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SelfHeal.Repair.CSharp;

/// <summary>
/// Builds the in-memory compilation of the project owning a C# file and caches it per project, keyed by the
/// project's source files and their write times so an edited worktree is compiled afresh.
/// </summary>
internal sealed class ProjectCompilationCache
{
    private const int MaxProjectDepth = 8;
    private const int MaxCachedProjects = 32;

    private static readonly string[] DefaultGlobalUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    private readonly ConcurrentDictionary<string, Lazy<ProjectCompilation>> _projects = new(StringComparer.Ordinal);

    /// <summary>The compilation holding <paramref name="file"/> (a full path inside <paramref name="workspacePath"/>).</summary>
    public ProjectCompilation For(string workspacePath, string file)
    {
        var project = FindProject(workspacePath, file);
        return Load(workspacePath, project ?? file, project is null ? [file] : SourcesOf(project), 0);
    }

    private ProjectCompilation Load(string workspacePath, string projectOrFile, IReadOnlyList<string> sources, int depth)
    {
        var key = projectOrFile + "|" + string.Join('|', sources.Select(s => s + "@" + File.GetLastWriteTimeUtc(s).Ticks));
        if (_projects.Count >= MaxCachedProjects && !_projects.ContainsKey(key))
        {
            _projects.Clear();
        }
        return _projects.GetOrAdd(key, _ => new Lazy<ProjectCompilation>(() => Build(workspacePath, projectOrFile, sources, depth))).Value;
    }

    private ProjectCompilation Build(string workspacePath, string projectOrFile, IReadOnlyList<string> sources, int depth)
    {
        var isProject = projectOrFile.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase);
        var properties = isProject
            ? ProjectProperties.Read(projectOrFile, workspacePath)
            : new ProjectProperties(projectOrFile, null, Nullable: true, ImplicitUsings: true, null, Web: false, []);
        var parse = new CSharpParseOptions(LanguageVersionFacts.TryParse(properties.LangVersion, out var version) ? version : LanguageVersion.Preview);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(File.ReadAllText(s), parse, Path.GetFullPath(s))).ToList();
        if (properties.ImplicitUsings)
        {
            var generated = isProject ? GeneratedGlobalUsings(projectOrFile) : null;
            var text = generated is not null ? File.ReadAllText(generated) : string.Concat(DefaultGlobalUsings.Select(u => $"global using global::{u};\n"));
            trees.Add(CSharpSyntaxTree.ParseText(text, parse, string.Empty));
        }
        var references = ReferenceResolver.For(properties).ToList();
        if (depth < MaxProjectDepth)
        {
            foreach (var reference in properties.ProjectReferences.Where(File.Exists))
            {
                references.Add(Load(workspacePath, reference, SourcesOf(reference), depth + 1).Compilation.ToMetadataReference());
            }
        }
        var options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: properties.Nullable ? NullableContextOptions.Enable : NullableContextOptions.Disable,
            allowUnsafe: true);
        var name = Path.GetFileNameWithoutExtension(projectOrFile);
        return new ProjectCompilation(CSharpCompilation.Create(name, trees, references, options));
    }

    private static string? FindProject(string workspacePath, string file)
    {
        var root = Path.GetFullPath(workspacePath);
        var dir = Path.GetDirectoryName(Path.GetFullPath(file));
        while (dir is not null && dir.StartsWith(root, StringComparison.Ordinal))
        {
            var project = Directory.GetFiles(dir, "*.csproj").Order(StringComparer.Ordinal).FirstOrDefault();
            if (project is not null)
            {
                return project;
            }
            dir = Path.GetDirectoryName(dir);
        }
        return null;
    }

    private static List<string> SourcesOf(string project)
    {
        var dir = Path.GetDirectoryName(project)!;
        var nested = Directory.EnumerateFiles(dir, "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetDirectoryName(p)! + Path.DirectorySeparatorChar)
            .Where(d => !string.Equals(d, dir + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ToList();
        return [.. Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(dir, f).Split(Path.DirectorySeparatorChar).SkipLast(1).Any(part => part is "bin" or "obj"))
            .Where(f => !nested.Any(n => f.StartsWith(n, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)];
    }

    private static string? GeneratedGlobalUsings(string project)
    {
        var obj = Path.Combine(Path.GetDirectoryName(project)!, "obj");
        return Directory.Exists(obj)
            ? Directory.EnumerateFiles(obj, Path.GetFileNameWithoutExtension(project) + ".GlobalUsings.g.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal).FirstOrDefault()
            : null;
    }
}
