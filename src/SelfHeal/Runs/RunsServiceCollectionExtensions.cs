using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SelfHeal.Runs.Postgres;

namespace SelfHeal.Runs;

public static class RunsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the PostgreSQL <see cref="IRunStore"/>, for several servers and workers sharing one database. Its schema
    /// is applied on first use. Register it before <c>AddSelfHeal</c>, which adds the SQLite store only when none is registered.
    /// </summary>
    public static IServiceCollection AddPostgresRunStore(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<PostgresRunStoreOptions>().Configure(o => o.ConnectionString = connectionString).ValidateDataAnnotations();
        services.TryAddSingleton<IRunStore, PostgresRunStore>();
        return services;
    }
}
