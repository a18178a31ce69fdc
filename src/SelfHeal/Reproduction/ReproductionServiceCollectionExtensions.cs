using Microsoft.Extensions.DependencyInjection;
using SelfHeal.Pipeline;

namespace SelfHeal.Reproduction;

public static class ReproductionServiceCollectionExtensions
{
    /// <summary>Adds the Reproduce stage. Needs <c>AddTesting()</c> and <c>AddStackTraces()</c>.</summary>
    public static IServiceCollection AddReproduction(this IServiceCollection services, Action<ReproduceOptions>? configure = null)
    {
        var builder = services.AddOptions<ReproduceOptions>().ValidateDataAnnotations();
        if (configure is not null)
        {
            builder.Configure(configure);
        }
        services.AddSingleton<IPipelineStage, ReproduceStage>();
        return services;
    }
}
