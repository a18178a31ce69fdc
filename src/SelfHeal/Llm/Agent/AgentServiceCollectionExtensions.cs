using Microsoft.Extensions.DependencyInjection;
using SelfHeal.Repair;

namespace SelfHeal.Llm.Agent;

public static class AgentServiceCollectionExtensions
{
    /// <summary>
    /// Adds the agent repair engine (<c>llm-agent</c>) and the model clients it uses. Models, budget and the number of
    /// submissions come from <see cref="LlmOptions"/> (<paramref name="models"/>), the loop's limits from
    /// <see cref="AgentOptions"/> (<paramref name="configure"/>). Needs the sandbox (<c>AddSandboxing()</c>) and the patch
    /// policy (<c>AddRepair()</c>). With no model configured the engine proposes nothing.
    /// </summary>
    public static IServiceCollection AddAgentRepair(this IServiceCollection services, Action<LlmOptions>? models = null, Action<AgentOptions>? configure = null)
    {
        services.AddLlmModels(models);
        var builder = services.AddOptions<AgentOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            builder.Configure(configure);
        }
        services.AddSingleton<IRepairEngine, AgentEngine>();
        return services;
    }
}
