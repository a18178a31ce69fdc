using Microsoft.Data.Sqlite;
using SelfHeal.Bugs;
using SelfHeal.Runs;
using SelfHeal.Server.Auth;

namespace SelfHeal.Server.Health;

/// <summary>
/// Opens the stores as the server starts, which applies their migrations: a database that cannot be opened or
/// migrated stops the start with <see cref="StoreUnavailableException"/>, instead of failing the first delivery.
/// </summary>
internal sealed class StoreStartup(IRunStore runs, IBugStore bugs, IApiKeyStore keys) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await runs.ListAsync(new RunQuery { Limit = 1 }, cancellationToken).ConfigureAwait(false);
            await bugs.ListAsync(new BugQuery { Limit = 1 }, cancellationToken).ConfigureAwait(false);
            await keys.ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException or System.Data.Common.DbException)
        {
            throw new StoreUnavailableException($"The database cannot be opened: {e.Message}", e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
