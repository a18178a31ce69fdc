using Microsoft.Extensions.Options;
using SelfHeal.Localization;
using SelfHeal.Repair;
using SelfHeal.Repair.CSharp;
using SelfHeal.Runs;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Repair.CSharp;

/// <summary>
/// Runs the engine on a snippet from TestData/Repair/CSharp (a <c>.cs.txt</c> file, compiled on its own): every
/// line marked <c>// suspect</c> becomes a suspect; the result holds each candidate with the file's text after it.
/// </summary>
internal sealed record SnippetRepair(string Original, IReadOnlyList<(CandidatePatch Patch, string Text)> Candidates, RepairCounters Counters)
{
    public static async Task<SnippetRepair> RunAsync(string snippet, RunState? state = null, Action<CSharpRepairOptions>? configure = null)
    {
        using var directory = new TempDirectory("selfheal-snippet");
        var text = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "Repair", "CSharp", snippet + ".cs.txt"));
        var file = snippet + ".cs";
        await File.WriteAllTextAsync(directory.Combine(file), text);
        var lines = text.Split('\n');
        var suspects = Enumerable.Range(0, lines.Length)
            .Where(i => lines[i].Contains("// suspect", StringComparison.Ordinal))
            .Select(i => new Suspect(file, i + 1, i + 1, null, 1.0 - (i * 0.001), []))
            .ToList();
        var options = new CSharpRepairOptions { SuspectsPerBatch = 100 };
        configure?.Invoke(options);
        var engine = new CSharpTemplateEngine(Options.Create(options));
        var context = new RepairContext(directory.Path, suspects, state ?? RunState.Empty);
        var candidates = new List<(CandidatePatch, string)>();
        await foreach (var candidate in engine.ProposeAsync(context))
        {
            candidates.Add((candidate, HumanFixRank.Apply(text, candidate.Edits)));
        }
        return new SnippetRepair(text, candidates, context.Counters);
    }

    /// <summary>Whether a candidate of <paramref name="template"/> turns <paramref name="before"/> into <paramref name="after"/>.</summary>
    public bool Proposes(string template, string before, string after) =>
        Original.Contains(before, StringComparison.Ordinal)
        && Candidates.Any(c => c.Patch.Template == template && c.Text == ReplaceOnce(Original, before, after));

    private static string ReplaceOnce(string text, string before, string after)
    {
        var at = text.IndexOf(before, StringComparison.Ordinal);
        return string.Concat(text.AsSpan(0, at), after, text.AsSpan(at + before.Length));
    }
}
