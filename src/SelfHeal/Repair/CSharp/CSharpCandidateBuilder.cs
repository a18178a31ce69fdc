using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;
using SelfHeal.Validation;

namespace SelfHeal.Repair.CSharp;

/// <summary>
/// Builds a C# candidate in memory: the project's compilation (with the files MSBuild generated under obj/, so
/// assembly attributes such as InternalsVisibleTo and the version are the same) with the edited trees replaced, emitted
/// as a Debug, deterministic DLL with a portable PDB over every copy of the assembly under the worktree's bin/ folders.
/// The first overwrite of each file keeps its original bytes for <see cref="RestoreAsync"/>. Candidates editing more
/// than one project, non-C# files, projects with resources, or results with errors are declined.
/// </summary>
internal sealed class CSharpCandidateBuilder : ICandidateBuilder
{
    private readonly ProjectCompilationCache _compilations = new();
    private readonly Dictionary<string, EmittableProject?> _projects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (byte[] Bytes, DateTime Written)> _backups = new(StringComparer.Ordinal);
    private string? _workspace;

    public async Task<CandidateBuild?> TryBuildAsync(string workspacePath, CandidatePatch candidate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workspacePath);
        ArgumentNullException.ThrowIfNull(candidate);
        var root = Path.GetFullPath(workspacePath);
        if (!string.Equals(root, _workspace, StringComparison.Ordinal))
        {
            _projects.Clear();
            _backups.Clear();
            _workspace = root;
        }
        var files = candidate.Edits.Select(e => e.File).Distinct(StringComparer.Ordinal).Select(f => Path.GetFullPath(Path.Combine(root, f))).ToList();
        if (files.Count == 0 || files.Any(f => !f.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) || !f.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(f)))
        {
            return null;
        }
        var projectPaths = files.Select(f => FindProject(root, f)).Distinct(StringComparer.Ordinal).ToList();
        if (projectPaths is not [{ } projectPath])
        {
            return null;
        }
        var project = await Task.Run(() => ProjectFor(root, projectPath, files[0]), cancellationToken).ConfigureAwait(false);
        if (project is null)
        {
            return null;
        }
        var image = await Task.Run(() => Emit(root, project, candidate, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (image is not { } built)
        {
            return null;
        }
        var written = new List<string>();
        foreach (var dll in project.Outputs)
        {
            await OverwriteAsync(dll, built.Dll, written, cancellationToken).ConfigureAwait(false);
            var pdb = Path.ChangeExtension(dll, ".pdb");
            if (File.Exists(pdb))
            {
                await OverwriteAsync(pdb, built.Pdb, written, cancellationToken).ConfigureAwait(false);
            }
        }
        return new CandidateBuild(project.AssemblyName, written);
    }

    public async Task RestoreAsync(CandidateBuild build, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(build);
        foreach (var path in build.Outputs)
        {
            if (_backups.TryGetValue(path, out var original))
            {
                await File.WriteAllBytesAsync(path, original.Bytes, cancellationToken).ConfigureAwait(false);
                File.SetLastWriteTimeUtc(path, original.Written);
            }
        }
    }

    private async Task OverwriteAsync(string path, byte[] bytes, List<string> written, CancellationToken cancellationToken)
    {
        if (!_backups.ContainsKey(path))
        {
            _backups[path] = (await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), File.GetLastWriteTimeUtc(path));
        }
        written.Add(path);
        await File.WriteAllBytesAsync(path, bytes, cancellationToken).ConfigureAwait(false);
    }

    private static (byte[] Dll, byte[] Pdb)? Emit(string root, EmittableProject project, CandidatePatch candidate, CancellationToken cancellationToken)
    {
        var compilation = project.Compilation;
        foreach (var group in candidate.Edits.GroupBy(e => Path.GetFullPath(Path.Combine(root, e.File)), StringComparer.Ordinal))
        {
            if (!project.Trees.TryGetValue(group.Key, out var tree))
            {
                return null;
            }
            var text = tree.GetText(cancellationToken);
            var changes = group.OrderBy(e => e.Start).ToList();
            for (var i = 0; i < changes.Count; i++)
            {
                var edit = changes[i];
                if (edit.Start < 0 || edit.Length < 0 || edit.Start + edit.Length > text.Length || (i > 0 && changes[i - 1].Start + changes[i - 1].Length > edit.Start))
                {
                    return null;
                }
            }
            var changed = text.WithChanges(changes.Select(e => new TextChange(new TextSpan(e.Start, e.Length), e.Replacement)));
            compilation = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(changed));
        }
        using var dll = new MemoryStream();
        using var pdb = new MemoryStream();
        var options = new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb, pdbFilePath: project.AssemblyName + ".pdb");
        var result = compilation.Emit(dll, pdb, options: options, cancellationToken: cancellationToken);
        return result.Success ? (dll.ToArray(), pdb.ToArray()) : null;
    }

    private EmittableProject? ProjectFor(string root, string projectPath, string file)
    {
        if (!_projects.TryGetValue(projectPath, out var project))
        {
            project = EmittableProject.Load(root, projectPath, _compilations.For(root, file).Compilation);
            _projects[projectPath] = project;
        }
        return project;
    }

    private static string? FindProject(string root, string file)
    {
        var dir = Path.GetDirectoryName(file);
        while (dir is not null && dir.StartsWith(root, StringComparison.Ordinal))
        {
            if (Directory.GetFiles(dir, "*.csproj").Order(StringComparer.Ordinal).FirstOrDefault() is { } project)
            {
                return project;
            }
            dir = Path.GetDirectoryName(dir);
        }
        return null;
    }
}
