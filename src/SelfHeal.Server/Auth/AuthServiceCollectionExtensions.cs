using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SelfHeal.Server.Auth;

public static class AuthServiceCollectionExtensions
{
    /// <summary>Registers the API-key scheme, the SQLite <see cref="IApiKeyStore"/> and the <see cref="ApiKeyPolicies"/>.</summary>
    public static IServiceCollection AddApiKeyAuth(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IApiKeyStore, SqliteApiKeyStore>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyPolicies.ReadBugs, p => p.RequireRole("viewer", "approver", "admin"))
            .AddPolicy(ApiKeyPolicies.SubmitBugs, p => p.RequireRole("reporter", "approver", "admin"))
            .AddPolicy(ApiKeyPolicies.ReviewFixes, p => p.RequireRole("approver", "admin"))
            .AddPolicy(ApiKeyPolicies.Admin, p => p.RequireRole("admin"));
        return services;
    }

    /// <summary>Keeps API keys in the PostgreSQL database of <c>AddPostgresBugStore</c>; call before <see cref="AddApiKeyAuth"/>.</summary>
    public static IServiceCollection AddPostgresApiKeyStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IApiKeyStore, PostgresApiKeyStore>();
        return services;
    }
}
