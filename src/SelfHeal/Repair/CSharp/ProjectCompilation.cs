using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace SelfHeal.Repair.CSharp;

/// <summary>
/// A project compiled in memory once, with each file's baseline errors. A candidate is checked by replacing
/// only its file's tree and comparing that file's errors with the baseline: errors the project already had are ignored.
/// </summary>
internal sealed class ProjectCompilation
{
    private readonly Dictionary<string, SyntaxTree> _trees;
    private readonly Dictionary<SyntaxTree, Dictionary<string, int>> _baseline = [];
    private readonly Lock _gate = new();

    public ProjectCompilation(CSharpCompilation compilation)
    {
        Compilation = compilation;
        _trees = compilation.SyntaxTrees.Where(t => t.FilePath.Length > 0).ToDictionary(t => t.FilePath, StringComparer.Ordinal);
    }

    public CSharpCompilation Compilation { get; }

    public SyntaxTree? TreeFor(string fullPath) => _trees.GetValueOrDefault(Path.GetFullPath(fullPath));

    /// <summary>Whether <paramref name="changed"/> (the text of <paramref name="tree"/> after a candidate's edits) adds no error.</summary>
    public bool Compiles(SyntaxTree tree, SourceText changed, CancellationToken cancellationToken)
    {
        var baseline = BaselineOf(tree, cancellationToken);
        var newTree = tree.WithChangedText(changed);
        var compilation = Compilation.ReplaceSyntaxTree(tree, newTree);
        var errors = ErrorsOf(compilation, newTree, cancellationToken);
        return errors.All(e => e.Value <= baseline.GetValueOrDefault(e.Key));
    }

    private Dictionary<string, int> BaselineOf(SyntaxTree tree, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_baseline.TryGetValue(tree, out var errors))
            {
                errors = ErrorsOf(Compilation, tree, cancellationToken);
                _baseline[tree] = errors;
            }
            return errors;
        }
    }

    private static Dictionary<string, int> ErrorsOf(Compilation compilation, SyntaxTree tree, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var diagnostic in compilation.GetSemanticModel(tree).GetDiagnostics(cancellationToken: cancellationToken))
        {
            if (diagnostic.Severity == DiagnosticSeverity.Error)
            {
                var key = diagnostic.Id + ":" + diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
                errors[key] = errors.GetValueOrDefault(key) + 1;
            }
        }
        return errors;
    }
}
