using System.Globalization;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using SelfHeal.Bugs;
using SelfHeal.Runs;
using SelfHeal.Server.Auth;
using SelfHeal.Triage;

namespace SelfHeal.Server.Http;

/// <summary>What every endpoint shares: the engine's stores, ProblemDetails errors, JSON, OpenAPI, limits and rate limits.</summary>
public static class ServerCoreExtensions
{
    /// <summary>The rate-limit policy of the public endpoints (channels and the API), partitioned by API key or client address.</summary>
    public const string PublicRateLimitPolicy = "public";

    public static WebApplicationBuilder AddServerCore(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        // Runs, bugs and API keys go to PostgreSQL when it is configured (several servers sharing one database), else to SQLite.
        if (builder.Configuration["SelfHeal:PostgresConnectionString"] is { Length: > 0 } postgres)
        {
            services.AddPostgresRunStore(postgres);
            services.AddPostgresBugStore(postgres);
            services.AddPostgresApiKeyStore();
        }
        services.AddSelfHeal(databasePath: builder.Configuration["SelfHeal:DatabasePath"], workspaceRoot: builder.Configuration["SelfHeal:WorkspaceRoot"]);
        services.AddSqliteBugStore();
        services.AddTriage();
        services.AddOptions<TriageOptions>().BindConfiguration("Triage");

        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
        });
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "SelfHeal API";
            document.Info.Description = "Bug intake from channels and the API, triage and bug queries. Errors are RFC 9457 problem details.";
            return Task.CompletedTask;
        }));
        // Nothing is protected for later (no cookies or tokens of our own): keys stay in memory, never in the user's profile.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        // Each request is not news; the server's own banner says where it listens.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        services.AddOptions<ServerLimitsOptions>().BindConfiguration("Limits").ValidateDataAnnotations().ValidateOnStart();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            // Endpoints read their bodies through RawBody with their own, smaller caps; this is the ceiling for all.
            k.Limits.MaxRequestBodySize = ServerLimitsOptions.MaxBodyCeiling;
        });
        services.AddRateLimiter(ConfigureRateLimiter);
        return builder;
    }

    public static WebApplication UseServerCore(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        // Before authorization, so callers without a valid key are limited too (per client address).
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapOpenApi("/openapi/{documentName}.json");
        return app;
    }

    private static void ConfigureRateLimiter(RateLimiterOptions options)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.AddPolicy(PublicRateLimitPolicy, context =>
        {
            var limits = context.RequestServices.GetRequiredService<IOptions<ServerLimitsOptions>>().Value;
            // A caller with an API key is limited per key; anyone else (webhooks) per client address.
            var partition = context.User.FindFirst(ApiKeyClaims.KeyId)?.Value is { } keyId
                ? "key:" + keyId
                : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.RequestsPerWindow,
                Window = TimeSpan.FromSeconds(limits.WindowSeconds),
                QueueLimit = 0,
            });
        });
        options.OnRejected = async (context, cancellationToken) =>
        {
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : (int?)null;
            if (retryAfter is { } seconds)
            {
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }
            await Problems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                retryAfter is { } s ? $"The rate limit of this endpoint was reached; retry after {s} seconds." : "The rate limit of this endpoint was reached; retry later.").ConfigureAwait(false);
        };
    }
}
