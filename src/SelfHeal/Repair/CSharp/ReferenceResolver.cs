using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.CodeAnalysis;

namespace SelfHeal.Repair.CSharp;

/// <summary>
/// Metadata references for a project without running a build: the target framework's reference pack under the
/// dotnet root (falling back to the running runtime's assemblies), plus the package compile assets named by
/// <c>obj/project.assets.json</c> when a restore left one.
/// </summary>
internal static class ReferenceResolver
{
    private static readonly ConcurrentDictionary<string, IReadOnlyList<MetadataReference>> Frameworks = new(StringComparer.Ordinal);

    public static IReadOnlyList<MetadataReference> For(ProjectProperties project)
    {
        var framework = Frameworks.GetOrAdd((project.TargetFramework ?? string.Empty) + "|" + project.Web, _ => FrameworkReferences(project));
        return [.. framework, .. PackageReferences(project)];
    }

    private static List<MetadataReference> FrameworkReferences(ProjectProperties project)
    {
        var paths = new List<string>();
        var root = DotnetRoot();
        if (root is not null)
        {
            paths.AddRange(PackAssemblies(root, "Microsoft.NETCore.App.Ref", project.TargetFramework));
            if (project.Web)
            {
                paths.AddRange(PackAssemblies(root, "Microsoft.AspNetCore.App.Ref", project.TargetFramework));
            }
        }
        if (paths.Count == 0 && AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string trusted)
        {
            paths.AddRange(trusted.Split(Path.PathSeparator).Where(p => Path.GetFileName(p).StartsWith("System", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll"));
        }
        return [.. paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }

    private static IEnumerable<string> PackAssemblies(string root, string pack, string? framework)
    {
        var packDir = Path.Combine(root, "packs", pack);
        if (!Directory.Exists(packDir))
        {
            return [];
        }
        foreach (var version in Directory.GetDirectories(packDir).OrderByDescending(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version(0, 0)))
        {
            var refDir = Path.Combine(version, "ref");
            if (!Directory.Exists(refDir))
            {
                continue;
            }
            var tfm = framework is not null && Directory.Exists(Path.Combine(refDir, framework))
                ? Path.Combine(refDir, framework)
                : Directory.GetDirectories(refDir).OrderDescending(StringComparer.Ordinal).FirstOrDefault();
            if (tfm is not null && (framework is null || tfm.EndsWith(framework, StringComparison.Ordinal)))
            {
                return Directory.GetFiles(tfm, "*.dll");
            }
        }
        return [];
    }

    private static string? DotnetRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (fromEnvironment is not null && Directory.Exists(Path.Combine(fromEnvironment, "packs")))
        {
            return fromEnvironment;
        }
        // <root>/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location);
        var root = runtime is null ? null : Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(runtime)));
        return root is not null && Directory.Exists(Path.Combine(root, "packs")) ? root : null;
    }

    private static List<MetadataReference> PackageReferences(ProjectProperties project)
    {
        var assets = Path.Combine(Path.GetDirectoryName(project.ProjectPath)!, "obj", "project.assets.json");
        var references = new List<MetadataReference>();
        if (!File.Exists(assets))
        {
            return references;
        }
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(assets));
            var root = document.RootElement;
            var folder = root.GetProperty("packageFolders").EnumerateObject().First().Name;
            var libraries = root.GetProperty("libraries");
            var target = root.GetProperty("targets").EnumerateObject().First().Value;
            foreach (var library in target.EnumerateObject())
            {
                if (!library.Value.TryGetProperty("type", out var type) || type.GetString() != "package" || !library.Value.TryGetProperty("compile", out var compile))
                {
                    continue;
                }
                var libraryPath = libraries.GetProperty(library.Name).GetProperty("path").GetString()!;
                foreach (var asset in compile.EnumerateObject().Where(a => a.Name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)))
                {
                    var file = Path.Combine(folder, libraryPath, asset.Name);
                    if (File.Exists(file))
                    {
                        references.Add(MetadataReference.CreateFromFile(file));
                    }
                }
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IOException)
        {
            // An unreadable assets file leaves the packages out; their errors become part of the baseline.
        }
        return references;
    }
}
