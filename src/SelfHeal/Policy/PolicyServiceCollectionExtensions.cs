using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SelfHeal.Policy;

public static class PolicyServiceCollectionExtensions
{
    /// <summary>Registers <see cref="PatchPolicyOptions"/> (validated on start) and <see cref="PatchPolicyLoader"/>.</summary>
    public static IServiceCollection AddPolicy(this IServiceCollection services, Action<PatchPolicyOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<PatchPolicyOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        services.TryAddSingleton<PatchPolicyLoader>();
        return services;
    }
}
