using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SelfHeal.Validation;

namespace SelfHeal.Repair.CSharp;

public static class CSharpRepairServiceCollectionExtensions
{
    /// <summary>
    /// Registers the C# template engine as an <see cref="IRepairEngine"/> singleton with its options, and the in-memory
    /// C# build as an <see cref="ICandidateBuilder"/> (used when <see cref="RepairOptions.FastCSharpValidation"/> is on).
    /// </summary>
    public static IServiceCollection AddCSharpRepair(this IServiceCollection services, Action<CSharpRepairOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<CSharpRepairOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRepairEngine, CSharpTemplateEngine>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICandidateBuilder, CSharpCandidateBuilder>());
        return services;
    }
}
