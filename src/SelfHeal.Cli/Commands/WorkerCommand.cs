using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;
using SelfHeal.Cli.Rendering;
using SelfHeal.Runs.Sqlite;
using SelfHeal.Server;

namespace SelfHeal.Cli.Commands;

/// <summary><c>selfheal worker</c>: joins the PostgreSQL-clustered job scheduler and heals bugs, without serving HTTP.</summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var service = new ServiceOptions();
        var command = new Command("worker", "Heal bugs as one of many workers sharing a PostgreSQL database (jobs of a worker that dies are recovered by another). Serves no HTTP.");
        service.AddTo(command);
        // The server is loaded only when this command runs, so other commands start as fast as before.
        command.SetAction((parse, cancellationToken) => RunAsync(parse, service, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, ServiceOptions service, CancellationToken cancellationToken)
    {
        if (service.PostgresOf(parse) is null)
        {
            Output.Error.WriteLine($"error: a worker shares its jobs through PostgreSQL: give --postgres CONNSTRING or set {ServiceOptions.PostgresVariable}.");
            return ExitCodes.BadInput;
        }
        var databasePath = Path.GetFullPath(parse.GetValue(GlobalOptions.Database) ?? new SqliteRunStoreOptions().DatabasePath);
        IHost host;
        string? problem = null;
        try
        {
            host = WorkerApplication.Build(builder =>
            {
                problem = service.Apply(parse, builder.Configuration);
                builder.Configuration["SelfHeal:DatabasePath"] ??= databasePath;
            });
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or InvalidDataException)
        {
            Output.Error.WriteLine($"error: the worker's configuration is invalid: {e.Message}");
            return ExitCodes.BadInput;
        }
        using (host)
        {
            if (problem is not null)
            {
                Output.Error.WriteLine($"error: {problem}");
                return ExitCodes.BadInput;
            }
            try
            {
                await host.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SelfHeal.Server.Health.StoreUnavailableException or InvalidOperationException or System.Data.Common.DbException or Microsoft.Extensions.Options.OptionsValidationException)
            {
                Output.Error.WriteLine($"error: the worker cannot start: {e.Message}");
                Output.Error.WriteLine("Check the PostgreSQL connection string (--postgres) and that the server is reachable.");
                return ExitCodes.BadInput;
            }
            var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(cancellationToken).ConfigureAwait(false);
            Output.Out.WriteLine($"SelfHeal worker {scheduler.SchedulerInstanceId} joined the job cluster on PostgreSQL.");
            Output.Out.WriteLine("Press Ctrl+C to stop.");
            Output.Out.Flush();
            try
            {
                await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        return ExitCodes.Success;
    }
}
