using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace SelfHeal.Reporter;

/// <summary>
/// One line in an application's <c>Program.cs</c>: <c>builder.Services.AddSelfHealReporter(builder.Configuration.GetSection("SelfHeal"));</c>
/// </summary>
public static class ReporterServiceCollectionExtensions
{
    /// <summary>Reports logged and unhandled exceptions to SelfHeal, configured from <paramref name="configuration"/> (<c>Endpoint</c>, <c>ApiKey</c>, <c>Repository</c>, ...).</summary>
    public static IServiceCollection AddSelfHealReporter(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SelfHealReporterOptions>().Bind(configuration);
        return services.AddSelfHealReporterCore();
    }

    /// <summary>Reports logged and unhandled exceptions to SelfHeal, configured in code.</summary>
    public static IServiceCollection AddSelfHealReporter(this IServiceCollection services, Action<SelfHealReporterOptions> configure)
    {
        services.AddOptions<SelfHealReporterOptions>().Configure(configure);
        return services.AddSelfHealReporterCore();
    }

    private static IServiceCollection AddSelfHealReporterCore(this IServiceCollection services)
    {
        services.AddOptions<SelfHealReporterOptions>()
            .Validate(o => o.Endpoint is null || o.Endpoint.Scheme is "http" or "https", "SelfHeal:Endpoint must be an http or https URL of the SelfHeal server.")
            .Validate(o => o.Endpoint is null || !string.IsNullOrWhiteSpace(o.ApiKey), "SelfHeal:ApiKey is required with SelfHeal:Endpoint (create one with: selfheal apikey create --role reporter).")
            .Validate(o => o.MaxQueuedReports is >= 1 and <= 100_000, "SelfHeal:MaxQueuedReports must be 1 to 100000.")
            .Validate(o => o.BatchSize is >= 1 and <= 100, "SelfHeal:BatchSize must be 1 to 100 (the server takes at most 100 per request).")
            .PostConfigure(o =>
            {
                // The batch endpoint is relative: make sure the base address ends with a slash.
                if (o.Endpoint is { } endpoint && !endpoint.AbsolutePath.EndsWith('/'))
                {
                    o.Endpoint = new Uri(endpoint.AbsoluteUri + "/");
                }
            })
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SelfHealReporter>();
        services.TryAddSingleton<ReportSender>();
        services.AddHostedService(sp => sp.GetRequiredService<ReportSender>());
        services.AddHostedService<UnhandledExceptionHook>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoggerProvider, SelfHealLoggerProvider>());
        return services;
    }
}
