using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SelfHeal.Decisions;

namespace SelfHeal.Tests.Decisions;

public sealed class DecisionOptionsTests
{
    [Fact]
    public void AddDecisions_BadServerSettings_RefusedWithWhatToChange()
    {
        using var services = new ServiceCollection().AddDecisions(o =>
        {
            o.MediumConfidence = 0.9;
            o.Matrix["sure/low"] = DecisionAction.AutoMerge;
        }).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DecisionOptions>>().Value);

        Assert.Contains("MediumConfidence (0.9) must not be above HighConfidence (0.75).", error.Message, StringComparison.Ordinal);
        Assert.Contains("Matrix key 'sure/low' is not 'confidence/risk'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddDecisions_CalledTwice_OneDecideStage()
    {
        using var services = new ServiceCollection().AddDecisions().AddDecisions(o => o.MaxFilesBeforeEscalation = 2).BuildServiceProvider();

        Assert.Single(services.GetServices<SelfHeal.Pipeline.IPipelineStage>(), s => s.Name == "decide");
        Assert.Equal(2, services.GetRequiredService<IOptions<DecisionOptions>>().Value.MaxFilesBeforeEscalation);
    }
}
