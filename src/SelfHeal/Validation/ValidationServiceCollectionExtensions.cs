using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SelfHeal.Sandboxing;
using SelfHeal.Security;
using SelfHeal.Validation.Layers;

namespace SelfHeal.Validation;

public static class ValidationServiceCollectionExtensions
{
    /// <summary>
    /// Adds the built-in validation layers (security scan, compile, previously failing tests, regression suite,
    /// performance, end-to-end; their commands run in the sandbox of <c>AddSandboxing()</c>) and the validator that runs them. Another layer is one more
    /// <c>AddSingleton&lt;IValidationLayer, T&gt;()</c>.
    /// </summary>
    public static IServiceCollection AddValidation(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(CandidateValidator)))
        {
            return services;
        }
        services.AddSecurityScanning();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSandboxing();
        services.TryAddSingleton<CommandProbe>();
        services.AddSingleton<IValidationLayer, SecurityScanLayer>();
        services.AddSingleton<IValidationLayer, CompileLayer>();
        services.AddSingleton<IValidationLayer, TargetedTestsLayer>();
        services.AddSingleton<IValidationLayer, RegressionLayer>();
        services.AddSingleton<IValidationLayer, PerformanceLayer>();
        services.AddSingleton<IValidationLayer, EndToEndLayer>();
        services.AddSingleton<CandidateValidator>();
        return services;
    }
}
