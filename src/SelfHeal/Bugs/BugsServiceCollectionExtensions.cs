using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SelfHeal.Bugs.Postgres;
using SelfHeal.Bugs.Sqlite;

namespace SelfHeal.Bugs;

public static class BugsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the embedded SQLite <see cref="IBugStore"/>, in the run database's file (see <c>AddSelfHeal</c>'s
    /// <c>databasePath</c>). Its schema is applied on first use.
    /// </summary>
    public static IServiceCollection AddSqliteBugStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IBugStore, SqliteBugStore>();
        return services;
    }

    /// <summary>
    /// Registers the PostgreSQL <see cref="IBugStore"/>, for several servers and workers sharing one database. Its
    /// schema is applied on first use. Register it before anything calls <see cref="AddSqliteBugStore"/>.
    /// </summary>
    public static IServiceCollection AddPostgresBugStore(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<PostgresBugStoreOptions>().Configure(o => o.ConnectionString = connectionString).ValidateDataAnnotations();
        services.TryAddSingleton<IBugStore, PostgresBugStore>();
        return services;
    }
}
