using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SelfHeal.Auditing;
using SelfHeal.Processes;

namespace SelfHeal.Sandboxing;

public static class SandboxingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ISandbox"/> (singleton) as chosen by <see cref="SandboxOptions"/>, and the
    /// <see cref="SandboxedCommandRunner"/> that runs repository commands in it (audited when <see cref="RunAudit"/>
    /// is registered). Resolving either throws <see cref="SandboxUnavailableException"/> when the chosen sandbox cannot be used.
    /// </summary>
    public static IServiceCollection AddSandboxing(this IServiceCollection services, Action<SandboxOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var optionsBuilder = services.AddOptions<SandboxOptions>();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ProcessRunner>();
        services.TryAddSingleton(sp => SandboxFactory.Create(
            sp.GetRequiredService<IOptions<SandboxOptions>>().Value,
            sp.GetRequiredService<ProcessRunner>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new SandboxedCommandRunner(
            sp.GetRequiredService<ISandbox>(),
            sp.GetRequiredService<IOptions<SandboxOptions>>().Value,
            sp.GetService<RunAudit>()));
        return services;
    }
}
