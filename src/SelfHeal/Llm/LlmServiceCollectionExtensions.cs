using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SelfHeal.Llm.Agentless;
using SelfHeal.Llm.Providers;
using SelfHeal.Repair;

namespace SelfHeal.Llm;

public static class LlmServiceCollectionExtensions
{
    /// <summary>
    /// Adds the LLM repair engine (<c>llm-agentless</c>) and the model clients it uses. Models, budget and limits
    /// come from <see cref="LlmOptions"/>; with no model configured the engine proposes nothing.
    /// </summary>
    public static IServiceCollection AddLlmRepair(this IServiceCollection services, Action<LlmOptions>? configure = null)
    {
        services.AddLlmModels(configure);
        services.AddSingleton<IRepairEngine, AgentlessEngine>();
        return services;
    }

    /// <summary>
    /// Adds <see cref="LlmOptions"/> (validated on start), the model clients and the price table that the LLM engines share.
    /// Call it once per container with the models: each call's <paramref name="configure"/> applies.
    /// </summary>
    public static IServiceCollection AddLlmModels(this IServiceCollection services, Action<LlmOptions>? configure = null)
    {
        var builder = services.AddOptions<LlmOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            builder.Configure(configure);
        }
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ModelClients>();
        services.TryAddSingleton(sp => LoadPrices(sp.GetRequiredService<IOptions<LlmOptions>>().Value));
        return services;
    }

    /// <summary>The embedded price table with <see cref="LlmOptions.PriceTablePath"/>'s entries on top. Throws <see cref="FormatException"/> for a bad file.</summary>
    public static PriceTable LoadPrices(LlmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.PriceTablePath is not { } path)
        {
            return PriceTable.Default;
        }
        if (!File.Exists(path))
        {
            throw new FormatException($"The price table '{path}' does not exist.");
        }
        return PriceTable.Default.With(File.ReadAllText(path));
    }
}
