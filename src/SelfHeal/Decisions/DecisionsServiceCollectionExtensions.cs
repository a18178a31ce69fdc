using Microsoft.Extensions.DependencyInjection;
using SelfHeal.Pipeline;
using SelfHeal.Policy;
using SelfHeal.Security;

namespace SelfHeal.Decisions;

public static class DecisionsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Decide stage and its <see cref="DecisionOptions"/> (validated on start). <c>AddRepair()</c> calls it, since
    /// a repair is always followed by a decision; call it again only to configure the options.
    /// </summary>
    public static IServiceCollection AddDecisions(this IServiceCollection services, Action<DecisionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ImplementationType == typeof(DecideStage)))
        {
            if (configure is not null)
            {
                services.Configure(configure);
            }
            return services;
        }
        var options = services.AddOptions<DecisionOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        services.AddPolicy();
        services.AddSecurityScanning();
        services.AddSingleton<IPipelineStage, DecideStage>();
        return services;
    }
}
