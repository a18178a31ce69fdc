using Microsoft.Extensions.Options;
using SelfHeal.Tests.Support;
using SelfHeal.Localization;
using SelfHeal.Repair;
using SelfHeal.Repair.Tokens;
using SelfHeal.Runs;

namespace SelfHeal.Tests.Repair.Tokens;

/// <summary>Builds the engine over real checkers and collects what it yields.</summary>
internal static class TokenEngineHarness
{
    public static TokenTemplateEngine Engine(TokenRepairOptions? options = null)
    {
        options ??= new TokenRepairOptions();
        return new TokenTemplateEngine(new SyntaxChecker(TestSandbox.Runner(), options), Options.Create(options));
    }

    public static RepairContext Context(string workspace, string file, int line, params string[] exceptionTypes)
    {
        var state = RunState.Empty with
        {
            Traces = [.. exceptionTypes.Select(t => new TraceParsed("test", "any", t, "", "f", []))],
        };
        return new RepairContext(workspace, [new Suspect(file, line, line, null, 1.0, [])], state);
    }

    public static async Task<List<CandidatePatch>> ProposeAsync(RepairContext context, int max = int.MaxValue)
    {
        var list = new List<CandidatePatch>();
        await foreach (var patch in Engine().ProposeAsync(context))
        {
            list.Add(patch);
            if (list.Count >= max)
            {
                break;
            }
        }
        return list;
    }

    /// <summary>The file text after <paramref name="patch"/>.</summary>
    public static string Result(string workspace, CandidatePatch patch) =>
        TokenTemplateEngine.Apply(File.ReadAllText(Path.Combine(workspace, patch.Edits[0].File)), patch.Edits);

    /// <summary>Lines with trailing whitespace dropped, for comparing with a human fix.</summary>
    public static string Normalize(string text) =>
        string.Join('\n', text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd())).TrimEnd('\n');
}
