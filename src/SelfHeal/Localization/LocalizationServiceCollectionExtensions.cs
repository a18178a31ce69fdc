using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SelfHeal.Git;
using SelfHeal.Localization.Coverage;
using SelfHeal.Pipeline;
using SelfHeal.Processes;
using SelfHeal.Testing;

namespace SelfHeal.Localization;

/// <summary>Registers the localize stage.</summary>
public static class LocalizationServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <c>localize</c> stage as an <see cref="IPipelineStage"/> with its <see cref="LocalizeOptions"/> (validated
    /// on start). The stage resolves test runners through an <c>ITestRunnerResolver</c>, which the testing
    /// registration provides. Named so as not to clash with Microsoft's <c>AddLocalization</c>.
    /// </summary>
    public static IServiceCollection AddSuspectLocalization(this IServiceCollection services, Action<LocalizeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<LocalizeOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            builder.Configure(configure);
        }
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ProcessRunner>();
        services.TryAddSingleton<GitClient>();
        services.TryAddSingleton(provider =>
        {
            var o = provider.GetRequiredService<IOptions<LocalizeOptions>>().Value;
            return new CoverageRunMemo(runner => o.UseCoverage && o.SbflWeight > 0 && !o.PerTestCoverageRunners.Contains(runner, StringComparer.OrdinalIgnoreCase));
        });
        services.TryAddSingleton<CoverageCollector>();
        services.TryAddSingleton<SuspectLocalizer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPipelineStage, LocalizeStage>());
        return services;
    }
}
