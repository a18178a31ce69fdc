using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SelfHeal.StackTraces;

namespace SelfHeal.Triage;

public static class TriageServiceCollectionExtensions
{
    /// <summary>Registers <see cref="BugTriage"/> (and the stack-trace parsers it reads traces with). Needs an <c>IBugStore</c>.</summary>
    public static IServiceCollection AddTriage(this IServiceCollection services, Action<TriageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddStackTraces();
        var options = services.AddOptions<TriageOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        services.TryAddSingleton<BugTriage>();
        return services;
    }
}
