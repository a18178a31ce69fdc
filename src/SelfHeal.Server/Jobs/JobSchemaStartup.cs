using SelfHeal.Server.Health;
using SelfHeal.Storage;

namespace SelfHeal.Server.Jobs;

/// <summary>
/// Applies Quartz's tables as a schema step before the scheduler starts (it is registered before Quartz's hosted
/// service, and hosted services start in order), so the scheduler never meets a missing table.
/// </summary>
internal sealed class JobSchemaStartup(JobStoreLocation location) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ApplyAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or System.Data.Common.DbException)
        {
            throw new StoreUnavailableException($"The job database cannot be opened: {e.Message}", e);
        }
    }

    private async Task ApplyAsync(CancellationToken cancellationToken)
    {
        if (location.PostgresConnectionString is { } postgres)
        {
            await using var database = new PostgresDatabase(postgres, JobSchema.Component, JobSchema.Postgres);
            await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var database = new SqliteDatabase(location.SqlitePath!, JobSchema.Component, JobSchema.Sqlite);
            await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
