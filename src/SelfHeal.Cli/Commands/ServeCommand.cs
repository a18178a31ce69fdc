using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SelfHeal.Cli.Rendering;
using SelfHeal.Runs.Sqlite;
using SelfHeal.Server;

namespace SelfHeal.Cli.Commands;

/// <summary><c>selfheal serve</c>: the SelfHeal server with the embedded SQLite database; one command, no setup.</summary>
internal static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = $"Where to listen, ';'-separated (default {DefaultUrls}; use http://0.0.0.0:5080 to accept other machines).",
            DefaultValueFactory = _ => DefaultUrls,
        };
        var service = new ServiceOptions();
        var command = new Command("serve", "Run the SelfHeal server: channel webhooks, the bug API, heal jobs, /health, /ready and /openapi/v1.json.") { urls };
        service.AddTo(command);
        // The server is loaded only when this command runs, so other commands start as fast as before.
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(urls) ?? DefaultUrls, parse.GetValue(GlobalOptions.Database), parse, service, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string urls, string? database, ParseResult parse, ServiceOptions service, CancellationToken cancellationToken)
    {
        var databasePath = Path.GetFullPath(database ?? new SqliteRunStoreOptions().DatabasePath);
        var postgres = service.PostgresOf(parse);
        WebApplication app;
        string? problem = null;
        try
        {
            app = ServerApplication.Build([], builder =>
            {
                problem = service.Apply(parse, builder.Configuration);
                builder.WebHost.UseUrls(urls);
                builder.Configuration["SelfHeal:DatabasePath"] = databasePath;
                // This command prints its own banner and its own message when Kestrel cannot start (never a stack trace).
                builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
                builder.Logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.None);
                builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
            });
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or InvalidDataException)
        {
            Output.Error.WriteLine($"error: the server's configuration is invalid: {e.Message}");
            return ExitCodes.BadInput;
        }
        await using (app.ConfigureAwait(false))
        {
            if (problem is not null)
            {
                Output.Error.WriteLine($"error: {problem}");
                return ExitCodes.BadInput;
            }
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (SelfHeal.Server.Health.StoreUnavailableException e)
            {
                Output.Error.WriteLine($"error: {e.Message} ({databasePath})");
                Output.Error.WriteLine("Check the path and its folder's permissions, or choose another with --db.");
                return ExitCodes.BadInput;
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or FormatException or UriFormatException or Microsoft.Extensions.Options.OptionsValidationException)
            {
                Output.Error.WriteLine($"error: the server cannot start on '{urls}': {e.Message}");
                Output.Error.WriteLine("Choose a free address with --urls, for example --urls http://127.0.0.1:5081.");
                return ExitCodes.BadInput;
            }
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var dbOption = database is null ? "" : $" --db {Quote(databasePath)}";
            Output.Out.WriteLine($"SelfHeal server listening on {string.Join(", ", addresses)}");
            Output.Out.WriteLine(postgres is not null || Environment.GetEnvironmentVariable("SelfHeal__PostgresConnectionString") is { Length: > 0 }
                ? "  database:  PostgreSQL for runs, bugs, API keys and jobs (clustered with every worker on it)"
                : $"  database:  {databasePath}");
            Output.Out.WriteLine($"  API:       {addresses.FirstOrDefault()}/openapi/v1.json");
            Output.Out.WriteLine($"  webhooks:  POST /channels/github | slack | jira | sentry | alertmanager (each off until its secret is set, e.g. Channels__GitHub__Secret)");
            Output.Out.WriteLine($"  API keys:  selfheal apikey create --role admin{dbOption}   (roles: viewer, reporter, approver, admin)");
            Output.Out.WriteLine("Press Ctrl+C to stop.");
            Output.Out.Flush();
            try
            {
                await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        return ExitCodes.Success;
    }

    private static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"'{path}'" : path;
}
