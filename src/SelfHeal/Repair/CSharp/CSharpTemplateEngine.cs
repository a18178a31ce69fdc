using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis.Text;
using Microsoft.Extensions.Options;
using SelfHeal.Localization;
using SelfHeal.Repair.CSharp.Templates;

namespace SelfHeal.Repair.CSharp;

/// <summary>
/// Template-based repair for C#: applies the fix templates of <see cref="TemplatePriors"/> at the statements of
/// each C# suspect, using Roslyn's syntax trees and semantic model, and yields only candidates that add no
/// compile error to the suspect's project (checked in memory). Suspects are processed in batches; within a
/// batch candidates are yielded by suspect score × template prior.
/// </summary>
internal sealed class CSharpTemplateEngine(IOptions<CSharpRepairOptions> options) : IRepairEngine
{
    public const string EngineName = "csharp-templates";

    private static readonly IFixTemplateFamily[] Families =
    [
        new OperatorTemplates(),
        new ConditionTemplates(),
        new NullTemplates(),
        new MemberTemplates(),
        new VariableTemplates(),
        new LiteralTemplates(),
        new AsyncDisposeTemplates(),
        new SwitchTemplates(),
        new StatementTemplates(),
        new ExceptionTemplates(),
    ];

    private readonly ProjectCompilationCache _projects = new();

    public string Name => EngineName;

    public async IAsyncEnumerable<CandidatePatch> ProposeAsync(RepairContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = options.Value;
        var suspects = context.Suspects
            .Where(s => s.File.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
            .Take(settings.SuspectsConsidered)
            .ToList();
        var exceptionType = context.State.Traces.Count > 0 ? context.State.Traces[0].ExceptionType : null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var batch in suspects.Chunk(settings.SuspectsPerBatch))
        {
            var pending = new List<(TemplateCandidate Candidate, Suspect Suspect, ProjectCompilation Project, TemplateSite Site, double Score, int Order)>();
            foreach (var suspect in batch)
            {
                var prepared = await Task.Run(() => Prepare(context.WorkspacePath, suspect, exceptionType), cancellationToken);
                if (prepared is not { } found)
                {
                    continue;
                }
                foreach (var candidate in Generate(found.Site, settings))
                {
                    context.Counters.AddGenerated();
                    pending.Add((candidate, suspect, found.Project, found.Site, suspect.Score * TemplatePriors.Of(candidate.Template) * candidate.Weight, pending.Count));
                }
            }
            var yielded = new Dictionary<Suspect, int>();
            foreach (var item in pending.OrderByDescending(p => p.Score).ThenBy(p => p.Order))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (yielded.GetValueOrDefault(item.Suspect) >= settings.MaxCandidatesPerSuspect)
                {
                    continue;
                }
                var original = item.Site.Text;
                var changed = original.WithChanges(item.Candidate.Edits.OrderBy(e => e.Start).Select(e => new TextChange(new TextSpan(e.Start, e.Length), e.Replacement)));
                var changedText = changed.ToString();
                if (changedText == original.ToString() || !seen.Add(item.Suspect.File + "\0" + changedText))
                {
                    continue;
                }
                if (!item.Project.Compiles(item.Site.Tree, changed, cancellationToken))
                {
                    context.Counters.AddRejectedInMemory();
                    continue;
                }
                yielded[item.Suspect] = yielded.GetValueOrDefault(item.Suspect) + 1;
                var edits = item.Candidate.Edits.OrderBy(e => e.Start).Select(e => new TextEdit(item.Suspect.File, e.Start, e.Length, e.Replacement)).ToList();
                yield return new CandidatePatch(EngineName, item.Candidate.Template, item.Suspect, edits, item.Candidate.Description, item.Score);
            }
        }
    }

    /// <summary>Every candidate the enabled templates propose at <paramref name="site"/>, unchecked.</summary>
    internal static IEnumerable<TemplateCandidate> Generate(TemplateSite site, CSharpRepairOptions settings) =>
        Families.SelectMany(f => f.Propose(site)).Where(c => !settings.DisabledTemplates.Contains(c.Template) && c.Edits.Count > 0);

    private (ProjectCompilation Project, TemplateSite Site)? Prepare(string workspacePath, Suspect suspect, string? exceptionType)
    {
        var file = Path.GetFullPath(Path.Combine(workspacePath, suspect.File));
        if (!File.Exists(file))
        {
            return null;
        }
        var project = _projects.For(workspacePath, file);
        var tree = project.TreeFor(file);
        if (tree is null)
        {
            return null;
        }
        var text = tree.GetText();
        var first = Math.Clamp(suspect.StartLine, 1, text.Lines.Count) - 1;
        var last = Math.Clamp(Math.Max(suspect.EndLine, suspect.StartLine), 1, text.Lines.Count) - 1;
        var firstLine = text.Lines[first];
        var lineText = text.ToString(firstLine.Span);
        var start = firstLine.Start + (lineText.Length - lineText.TrimStart().Length);
        var region = TextSpan.FromBounds(Math.Min(start, text.Lines[last].End), text.Lines[last].End);
        return (project, new TemplateSite(tree, project.Compilation.GetSemanticModel(tree), region, exceptionType));
    }
}
