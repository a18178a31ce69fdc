using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SelfHeal.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>Registers <see cref="SecurityScanOptions"/>, <see cref="DiffSecurityScanner"/> and <see cref="SecretRedactor"/>.</summary>
    public static IServiceCollection AddSecurityScanning(this IServiceCollection services, Action<SecurityScanOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<SecurityScanOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        services.TryAddSingleton(SecretRedactor.Instance);
        services.TryAddSingleton<DiffSecurityScanner>();
        return services;
    }
}
