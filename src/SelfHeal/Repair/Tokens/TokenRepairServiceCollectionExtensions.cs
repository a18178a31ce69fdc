using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SelfHeal.Sandboxing;

namespace SelfHeal.Repair.Tokens;

public static class TokenRepairServiceCollectionExtensions
{
    /// <summary>
    /// Registers the token-template engine (Python, JavaScript/TypeScript, Java, Go) as an
    /// <see cref="IRepairEngine"/>, with <see cref="TokenRepairOptions"/> (validated on start).
    /// </summary>
    public static IServiceCollection AddTokenRepair(this IServiceCollection services, Action<TokenRepairOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<TokenRepairOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        services.TryAddSingleton(TimeProvider.System);
        services.AddSandboxing();
        services.TryAddSingleton(sp => new SyntaxChecker(sp.GetRequiredService<SandboxedCommandRunner>(), sp.GetRequiredService<IOptions<TokenRepairOptions>>().Value));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRepairEngine, TokenTemplateEngine>());
        return services;
    }
}
