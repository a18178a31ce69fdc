using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SelfHeal.Bugs;

namespace SelfHeal.Server.Health;

/// <summary>Ready when the bug store answers a query (which also applies its migrations on first use).</summary>
internal sealed class StoreReadinessCheck(IBugStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.ListAsync(new BugQuery { Limit = 1 }, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy($"the bug store cannot be opened ({e.Message}). Check the database path (--db) and its folder's permissions.");
        }
    }
}
