using SelfHeal.Localization;
using SelfHeal.Repair;
using SelfHeal.Repair.Tokens;
using SelfHeal.Runs;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Repair.Tokens;

public sealed class TokenTemplateEngineRobustnessTests
{
    [Theory]
    [InlineData("python")]
    [InlineData("javascript")]
    [InlineData("java")]
    public async Task ProposeAsync_EveryLineOfEveryFixtureFile_YieldsWellFormedEdits(string language)
    {
        var engine = TokenEngineHarness.Engine(new TokenRepairOptions { SyntaxCheck = false, SuspectBatchSize = 50 });
        foreach (var fixture in Directory.EnumerateDirectories(Path.Combine(FixtureRepository.FixturesRoot, language)))
        {
            var workspace = Path.Combine(fixture, "repo");
            foreach (var path in Directory.EnumerateFiles(workspace, "*", SearchOption.AllDirectories).Where(p => TokenLanguages.Of(p) is not null))
            {
                var relative = Path.GetRelativePath(workspace, path).Replace('\\', '/');
                var text = await File.ReadAllTextAsync(path);
                var lines = text.Count(c => c == '\n') + 1;
                var suspects = Enumerable.Range(1, lines).Select(l => new Suspect(relative, l, l, null, 0.5, [])).ToList();
                var context = new RepairContext(workspace, suspects, RunState.Empty with { Traces = [new TraceParsed("t", language, "java.lang.IllegalStateException", "", "f", [])] });

                await foreach (var patch in engine.ProposeAsync(context))
                {
                    Assert.All(patch.Edits, e => Assert.True(e.Start >= 0 && e.Length >= 0 && e.Start + e.Length <= text.Length, $"{relative}: edit out of range: {patch.Description}"));
                    Assert.All(patch.Edits, e => Assert.Equal(relative, e.File));
                }
            }
        }
    }
}
