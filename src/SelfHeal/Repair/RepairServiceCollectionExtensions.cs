using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SelfHeal.Pipeline;
using SelfHeal.Policy;
using SelfHeal.Security;
using SelfHeal.Validation;

namespace SelfHeal.Repair;

public static class RepairServiceCollectionExtensions
{
    /// <summary>Adds the Repair ⇄ Validate stage. Engines are added separately (<c>AddCSharpRepair()</c>, <c>AddTokenRepair()</c>).</summary>
    public static IServiceCollection AddRepair(this IServiceCollection services, Action<RepairOptions>? configure = null)
    {
        var builder = services.AddOptions<RepairOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            builder.Configure(configure);
        }
        services.TryAddSingleton<CandidateValidator>();
        services.AddPolicy();
        services.AddSecurityScanning();
        services.AddSingleton<IPipelineStage, RepairStage>();
        return services;
    }
}
