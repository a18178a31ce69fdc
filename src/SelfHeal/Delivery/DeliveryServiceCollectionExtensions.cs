using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SelfHeal.AgentTrace;
using SelfHeal.Pipeline;

namespace SelfHeal.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>Adds local delivery: a commit on a new <c>selfheal/&lt;run-id&gt;</c> branch with its Agent Trace record, and the run's report.</summary>
    public static IServiceCollection AddLocalDelivery(this IServiceCollection services, Action<DeliveryOptions>? configure = null)
    {
        var builder = services.AddOptions<DeliveryOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }
        services.AddSingleton<IPipelineStage, LocalDeliverStage>();
        services.TryAddSingleton<TraceRecorder>();
        services.TryAddSingleton<TraceNotes>();
        services.TryAddSingleton<TraceAttribution>();
        return services;
    }
}
