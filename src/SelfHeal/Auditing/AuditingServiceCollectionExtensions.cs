using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SelfHeal.Security;

namespace SelfHeal.Auditing;

public static class AuditingServiceCollectionExtensions
{
    /// <summary>Registers <see cref="AuditOptions"/> (validated on start), <see cref="AuditLogFactory"/>, <see cref="RunAudit"/>, <see cref="SecretRedactor"/> and <see cref="TimeProvider.System"/> unless already registered.</summary>
    public static IServiceCollection AddAuditing(this IServiceCollection services, Action<AuditOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<AuditOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(SecretRedactor.Instance);
        services.TryAddSingleton<AuditLogFactory>();
        services.TryAddSingleton<RunAudit>();
        return services;
    }
}
