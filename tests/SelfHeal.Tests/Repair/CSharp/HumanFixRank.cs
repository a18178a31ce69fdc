using Microsoft.Extensions.Options;
using SelfHeal.Localization;
using SelfHeal.Repair;
using SelfHeal.Repair.CSharp;
using SelfHeal.Runs;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Repair.CSharp;

/// <summary>Where the human fix of a C# fixture lands among the engine's candidates when the suspect is the true buggy line.</summary>
internal sealed record HumanFixRank(int? Rank, int Yielded, int Generated, int RejectedInMemory)
{
    public static async Task<HumanFixRank> MeasureAsync(string fixtureName, int limit = int.MaxValue)
    {
        using var fixture = await FixtureRepository.CreateAsync(fixtureName);
        var buggy = fixture.Instance.GetProperty("buggy_lines")[0];
        var file = buggy.GetProperty("file").GetString()!;
        var line = buggy.GetProperty("line").GetInt32();
        var path = Path.Combine(fixture.Path, file);
        var original = await File.ReadAllTextAsync(path);
        await fixture.GitAsync("apply", Path.Combine(fixture.FixturePath, "fix.patch"));
        var expected = await File.ReadAllTextAsync(path);
        await fixture.GitAsync("checkout", "--", ".");

        var engine = new CSharpTemplateEngine(Options.Create(new CSharpRepairOptions()));
        var suspect = new Suspect(file, line, line, null, 1.0, []);
        var context = new RepairContext(fixture.Path, [suspect], RunState.Empty);
        var rank = 0;
        int? found = null;
        await foreach (var candidate in engine.ProposeAsync(context))
        {
            rank++;
            if (found is null && Apply(original, candidate.Edits) == expected)
            {
                found = rank;
            }
            if (rank >= limit || found is not null && limit == int.MaxValue && rank > found + 50)
            {
                break;
            }
        }
        return new HumanFixRank(found, rank, context.Counters.Generated, context.Counters.RejectedInMemory);
    }

    public static string Apply(string text, IReadOnlyList<TextEdit> edits)
    {
        foreach (var edit in edits.OrderByDescending(e => e.Start))
        {
            text = string.Concat(text.AsSpan(0, edit.Start), edit.Replacement, text.AsSpan(edit.Start + edit.Length));
        }
        return text;
    }
}
