using SelfHeal.Llm;

namespace SelfHeal.Tests.Llm;

public sealed class PromptLibraryTests
{
    [Theory]
    [InlineData("extract.system")]
    [InlineData("extract.user")]
    [InlineData("root-cause.system")]
    [InlineData("root-cause.user")]
    [InlineData("repair.system")]
    [InlineData("repair.user")]
    [InlineData("repair.feedback")]
    [InlineData("agent.system")]
    [InlineData("agent.user")]
    [InlineData("agent.observation")]
    [InlineData("agent.format-error")]
    [InlineData("agent.feedback")]
    public void Get_EveryPrompt_IsEmbeddedWithAVersion(string name)
    {
        var prompt = PromptLibrary.Get(name);

        Assert.True(prompt.Version >= 1);
        Assert.StartsWith(name + "@v", prompt.Label, StringComparison.Ordinal);
        Assert.DoesNotContain("version:", prompt.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MissingValue_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => PromptLibrary.Get("repair.feedback").Render(new Dictionary<string, string>()));
    }

    [Fact]
    public void Render_ValuesAreNotRescannedForPlaceholders()
    {
        var text = PromptLibrary.Get("repair.feedback").Render(new Dictionary<string, string> { ["results"] = "{{results}} {{other}}" });

        Assert.Contains("{{results}} {{other}}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void SystemPrompts_HaveNoPlaceholders_SoNoReportTextCanReachThem()
    {
        foreach (var name in new[] { "extract.system", "root-cause.system", "repair.system", "agent.system" })
        {
            Assert.DoesNotContain("{{", PromptLibrary.Get(name).Text, StringComparison.Ordinal);
        }
    }
}
