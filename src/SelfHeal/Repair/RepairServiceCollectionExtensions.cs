using Microsoft.Extensions.DependencyInjection;
using SelfHeal.Decisions;
using SelfHeal.Pipeline;
using SelfHeal.Policy;
using SelfHeal.Validation;

namespace SelfHeal.Repair;

public static class RepairServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Repair ⇄ Validate stage, the validation layers and the Decide stage that follows it. Engines are added
    /// separately (<c>AddCSharpRepair()</c>, <c>AddTokenRepair()</c>).
    /// </summary>
    public static IServiceCollection AddRepair(this IServiceCollection services, Action<RepairOptions>? configure = null)
    {
        var builder = services.AddOptions<RepairOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            builder.Configure(configure);
        }
        services.AddValidation();
        services.AddDecisions();
        services.AddPolicy();
        services.AddSingleton<IPipelineStage, RepairStage>();
        return services;
    }
}
