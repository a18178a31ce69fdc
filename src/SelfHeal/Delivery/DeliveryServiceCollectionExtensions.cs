using Microsoft.Extensions.DependencyInjection;
using SelfHeal.Pipeline;

namespace SelfHeal.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>Adds local delivery: a commit on a new <c>selfheal/&lt;run-id&gt;</c> branch, and the run's report.</summary>
    public static IServiceCollection AddLocalDelivery(this IServiceCollection services, Action<DeliveryOptions>? configure = null)
    {
        var builder = services.AddOptions<DeliveryOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }
        services.AddSingleton<IPipelineStage, LocalDeliverStage>();
        return services;
    }
}
