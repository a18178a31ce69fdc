using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SelfHeal.Localization;
using SelfHeal.Pipeline;
using SelfHeal.Testing;

namespace SelfHeal.Tests.Localization;

public class LocalizationServiceCollectionExtensionsTests
{
    [Fact]
    public void AddSuspectLocalization_WithAResolver_RegistersTheLocalizeStageOnce()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ITestRunnerResolver>(new FakeTestRunnerResolver(null));

        services.AddSuspectLocalization(o => o.MaxSuspects = 5).AddSuspectLocalization();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var stage = Assert.Single(provider.GetServices<IPipelineStage>());
        Assert.Equal("localize", stage.Name);
        Assert.Equal(5, provider.GetRequiredService<IOptions<LocalizeOptions>>().Value.MaxSuspects);
    }

    [Fact]
    public void AddSuspectLocalization_CoverageRunMemo_IsASingletonWantingOneSlicePerRunRunnersOnly()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ITestRunnerResolver>(new FakeTestRunnerResolver(null));
        services.AddSuspectLocalization();
        using var provider = services.BuildServiceProvider();

        var memo = provider.GetRequiredService<CoverageRunMemo>();

        Assert.Same(memo, provider.GetRequiredService<CoverageRunMemo>());
        Assert.True(memo.Wants("dotnet"));
        Assert.False(memo.Wants("pytest"));
    }

    [Fact]
    public void AddSuspectLocalization_CoverageOff_MemoWantsNothing()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ITestRunnerResolver>(new FakeTestRunnerResolver(null));
        services.AddSuspectLocalization(o => o.UseCoverage = false);
        using var provider = services.BuildServiceProvider();

        Assert.False(provider.GetRequiredService<CoverageRunMemo>().Wants("dotnet"));
    }

    [Fact]
    public void AddSuspectLocalization_InvalidOptions_FailValidation()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ITestRunnerResolver>(new FakeTestRunnerResolver(null));
        services.AddSuspectLocalization(o => o.MaxSuspects = 0);
        using var provider = services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LocalizeOptions>>().Value);
    }
}
