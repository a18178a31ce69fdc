using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using SelfHeal.Localization;

namespace SelfHeal.Repair.Tokens;

/// <summary>
/// Token-level fix templates for Python, JavaScript/TypeScript, Java and Go. For each batch of suspects
/// (best first) it generates every template's edits at the suspect's lines, scores them (suspect score ×
/// <see cref="TemplatePriors"/>), drops duplicates, sorts, syntax-checks them in batches
/// (<see cref="SyntaxChecker"/>) and yields the ones that parse. Thread-safe; holds no per-run state.
/// </summary>
internal sealed class TokenTemplateEngine(SyntaxChecker checker, IOptions<TokenRepairOptions> options) : IRepairEngine
{
    private static readonly Func<TemplateInput, IEnumerable<TemplateEdit>>[] Families =
    [
        OperatorTemplates.Generate,
        LiteralTemplates.Generate,
        BoundTemplates.Generate,
        IdentifierTemplates.Generate,
        ApiSwapTemplates.Generate,
        NullGuardTemplates.Generate,
        SwitchCaseTemplates.Generate,
        CatchTemplates.Generate,
        StatementTemplates.Generate,
    ];

    public string Name => "token-templates";

    public async IAsyncEnumerable<CandidatePatch> ProposeAsync(RepairContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = options.Value;
        var exceptionTypes = context.State.Traces.Select(t => t.ExceptionType).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var files = new Dictionary<string, SourceFile?>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var batch in context.Suspects.Chunk(settings.SuspectBatchSize))
        {
            var candidates = new List<(CandidatePatch Patch, SourceFile File, string Text)>();
            foreach (var suspect in batch)
            {
                var file = await LoadAsync(context.WorkspacePath, suspect.File, files, cancellationToken).ConfigureAwait(false);
                if (file is not null)
                {
                    candidates.AddRange(Generate(context, suspect, file, exceptionTypes, seen));
                }
            }
            var ordered = candidates.OrderByDescending(c => c.Patch.Score).Take(settings.MaxCandidatesPerBatch).ToList();
            foreach (var group in ordered.Chunk(settings.CheckBatchSize))
            {
                var verdicts = await CheckAsync(context.WorkspacePath, group, cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < group.Length; i++)
                {
                    if (verdicts[i])
                    {
                        yield return group[i].Patch;
                    }
                    else
                    {
                        context.Counters.AddRejectedInMemory();
                    }
                }
            }
        }
    }

    private IEnumerable<(CandidatePatch, SourceFile, string)> Generate(RepairContext context, Suspect suspect, SourceFile file, IReadOnlyList<string> exceptionTypes, HashSet<string> seen)
    {
        var input = new TemplateInput(file, Math.Max(1, suspect.StartLine), Math.Max(suspect.StartLine, suspect.EndLine), exceptionTypes);
        foreach (var family in Families)
        {
            foreach (var edit in family(input))
            {
                context.Counters.AddGenerated();
                var text = Apply(file.Text, edit.Edits);
                if (text == file.Text || !seen.Add(file.Path + "\0" + text))
                {
                    continue;
                }
                var score = suspect.Score * TemplatePriors.Of(edit.Template);
                yield return (new CandidatePatch(Name, edit.Template, suspect, edit.Edits, $"{edit.Description} in {suspect.Symbol ?? suspect.File}:{suspect.StartLine}", score), file, text);
            }
        }
    }

    /// <summary>Applies non-overlapping edits to <paramref name="text"/>.</summary>
    internal static string Apply(string text, IReadOnlyList<TextEdit> edits)
    {
        foreach (var edit in edits.OrderByDescending(e => e.Start))
        {
            text = string.Concat(text.AsSpan(0, edit.Start), edit.Replacement, text.AsSpan(edit.Start + edit.Length));
        }
        return text;
    }

    private async Task<bool[]> CheckAsync(string workspace, (CandidatePatch Patch, SourceFile File, string Text)[] group, CancellationToken cancellationToken)
    {
        var verdicts = new bool[group.Length];
        foreach (var byFile in group.Select((c, i) => (c, i)).GroupBy(x => x.c.File.Path, StringComparer.Ordinal))
        {
            var file = byFile.First().c.File;
            var items = byFile.ToList();
            var module = file.Language == TokenLanguage.JavaScript && IsModule(workspace, file);
            var results = await checker.CheckAsync(file.Language, Path.GetFileName(file.Path), module, items.Select(x => x.c.Text).ToList(), cancellationToken).ConfigureAwait(false);
            for (var k = 0; k < items.Count; k++)
            {
                verdicts[items[k].i] = results[k];
            }
        }
        return verdicts;
    }

    /// <summary>An ES module: <c>.mjs</c>, a top-level import/export, or <c>"type": "module"</c> in the nearest package.json.</summary>
    private static bool IsModule(string workspace, SourceFile file)
    {
        if (file.Path.EndsWith(".mjs", StringComparison.OrdinalIgnoreCase) || file.Code.Any(t => (t.Is("import") || t.Is("export")) && file.LineStart(t.Line) + file.Indentation(t.Line).Length == t.Start))
        {
            return true;
        }
        if (file.Path.EndsWith(".cjs", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        for (var dir = Path.GetDirectoryName(Path.Combine(workspace, file.Path)); dir is not null && dir.Length >= workspace.TrimEnd('/').Length; dir = Path.GetDirectoryName(dir))
        {
            var package = Path.Combine(dir, "package.json");
            if (File.Exists(package))
            {
                var json = File.ReadAllText(package);
                return json.Contains("\"type\": \"module\"", StringComparison.Ordinal) || json.Contains("\"type\":\"module\"", StringComparison.Ordinal);
            }
        }
        return false;
    }

    private static async Task<SourceFile?> LoadAsync(string workspace, string relative, Dictionary<string, SourceFile?> cache, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(relative, out var cached))
        {
            return cached;
        }
        var language = TokenLanguages.Of(relative);
        var path = Path.Combine(workspace, relative);
        SourceFile? file = null;
        if (language is { } lang && File.Exists(path))
        {
            file = new SourceFile(relative, await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), lang);
        }
        cache[relative] = file;
        return file;
    }
}
