using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SelfHeal.Server.Http;

namespace SelfHeal.Server.Health;

/// <summary><c>/health</c>: the process answers. <c>/ready</c>: the database opens and its schema is current.</summary>
public static class HealthApi
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddServerHealth(this IServiceCollection services)
    {
        services.AddHostedService<StoreStartup>();
        services.AddHealthChecks().AddCheck<StoreReadinessCheck>("store", tags: [ReadyTag]);
        return services;
    }

    public static WebApplication MapHealthApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).ExcludeFromDescription();
        app.MapHealthChecks("/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync }).ExcludeFromDescription();
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        if (report.Status == HealthStatus.Healthy)
        {
            return context.Response.WriteAsJsonAsync(new { status = "healthy" });
        }
        var failures = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => $"{e.Key}: {e.Value.Description}");
        return Problems.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Not ready", string.Join("; ", failures));
    }
}
