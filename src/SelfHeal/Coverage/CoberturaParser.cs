using SelfHeal.Testing.Parsers;
using SelfHeal.Testing.Running;

namespace SelfHeal.Coverage;

/// <summary>
/// Reads Cobertura XML (coverlet's <c>coverage.cobertura.xml</c>) into the executed lines of files inside the repository.
/// A class's <c>filename</c> is resolved against each <c>source</c>; files outside the repository are dropped.
/// </summary>
internal static class CoberturaParser
{
    public static IReadOnlySet<SourceLine> ParseFile(string path, string repositoryRoot)
    {
        var lines = new HashSet<SourceLine>();
        if (SafeXml.Load(path)?.Root is not { } root)
        {
            return lines;
        }
        var sources = root.Descendants().Where(e => e.Name.LocalName == "source").Select(s => s.Value.Trim()).Where(s => s.Length > 0).ToList();
        var resolved = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var @class in root.Descendants().Where(e => e.Name.LocalName == "class"))
        {
            var filename = SafeXml.Attribute(@class, "filename");
            if (filename is null)
            {
                continue;
            }
            if (!resolved.TryGetValue(filename, out var file))
            {
                resolved[filename] = file = Resolve(filename, sources, repositoryRoot);
            }
            if (file is null || SafeXml.Child(@class, "lines") is not { } classLines)
            {
                continue;
            }
            foreach (var line in classLines.Elements().Where(e => e.Name.LocalName == "line"))
            {
                if (int.TryParse(SafeXml.Attribute(line, "number"), out var number) && long.TryParse(SafeXml.Attribute(line, "hits"), out var hits) && hits > 0)
                {
                    lines.Add(new SourceLine(file, number));
                }
            }
        }
        return lines;
    }

    private static string? Resolve(string filename, List<string> sources, string repositoryRoot)
    {
        if (Path.IsPathRooted(filename))
        {
            return RepositoryFiles.Relative(repositoryRoot, filename);
        }
        var candidates = sources.Select(s => Path.Combine(s, filename)).Append(Path.Combine(repositoryRoot, filename)).ToList();
        var existing = candidates.FirstOrDefault(File.Exists) ?? candidates[0];
        return RepositoryFiles.Relative(repositoryRoot, existing);
    }
}
