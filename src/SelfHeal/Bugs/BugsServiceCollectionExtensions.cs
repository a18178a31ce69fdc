using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
}
