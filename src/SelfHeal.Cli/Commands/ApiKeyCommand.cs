using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SelfHeal.Bugs.Postgres;
using SelfHeal.Cli.Rendering;
using SelfHeal.Runs;
using SelfHeal.Runs.Sqlite;
using SelfHeal.Server.Auth;

namespace SelfHeal.Cli.Commands;

/// <summary><c>selfheal apikey create|list|revoke</c>: the server's API keys, stored hashed in its database.</summary>
internal static class ApiKeyCommand
{
    public static Command Create()
    {
        var command = new Command("apikey", "Manage the server's API keys (stored as SHA-256 hashes; a key is shown once, when created).");
        command.Subcommands.Add(CreateCreate());
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreateRevoke());
        return command;
    }

    private static Command CreateCreate()
    {
        var role = new Option<string>("--role")
        {
            Description = "viewer (read bugs), reporter (submit bugs only), approver (read, submit, approve fixes) or admin (everything).",
            Required = true,
        };
        role.AcceptOnlyFromAmong("viewer", "reporter", "approver", "admin");
        var name = new Option<string?>("--name") { Description = "What the key is for (default: the role and the date)." };
        var command = new Command("create", "Create an API key and print it once.") { role, name };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var chosen = Enum.Parse<ApiKeyRole>(parse.GetValue(role)!, ignoreCase: true);
            var label = parse.GetValue(name) is { Length: > 0 } given ? given : $"{chosen.ToString().ToLowerInvariant()} key {DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
            var created = await Store(parse).CreateAsync(label, chosen, cancellationToken).ConfigureAwait(false);
            Output.Out.WriteLine(created.Key);
            Output.Error.WriteLine($"Created {created.Info.Role.ToString().ToLowerInvariant()} key {created.Info.Id} ('{SafeText.FirstLine(created.Info.Name, 60)}'). It is shown only now; send it as 'Authorization: Bearer <key>'.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateList()
    {
        var all = new Option<bool>("--all") { Description = "Show revoked keys too." };
        var json = GlobalOptions.Json();
        var command = new Command("list", "List API keys (never the keys themselves).") { all, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var keys = await Store(parse).ListAsync(parse.GetValue(all), cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                Output.Out.WriteLine(JsonSerializer.Serialize(keys, RunJson.Indented));
                return ExitCodes.Success;
            }
            if (keys.Count == 0)
            {
                Output.Out.WriteLine("No API keys yet. Create one with: selfheal apikey create --role admin");
                return ExitCodes.Success;
            }
            Output.Out.WriteLine($"{"ID",-12} {"ROLE",-9} {"CREATED (UTC)",-17} {"REVOKED",-8} NAME");
            foreach (var key in keys)
            {
                Output.Out.WriteLine($"{key.Id,-12} {key.Role.ToString().ToLowerInvariant(),-9} {key.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),-17} {(key.RevokedAt is null ? "" : "yes"),-8} {SafeText.FirstLine(key.Name, 60)}");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateRevoke()
    {
        var id = new Argument<string>("id") { Description = "The key's id (as 'selfheal apikey list' prints it)." };
        var command = new Command("revoke", "Revoke an API key; requests with it are refused from now on.") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var keyId = parse.GetValue(id)!;
            if (!await Store(parse).RevokeAsync(keyId, cancellationToken).ConfigureAwait(false))
            {
                Output.Error.WriteLine($"error: no active API key '{SafeText.FirstLine(keyId, 40)}'. List keys with: selfheal apikey list");
                return ExitCodes.BadInput;
            }
            Output.Error.WriteLine($"Revoked {keyId}.");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The server's key store: PostgreSQL when <c>SelfHeal__PostgresConnectionString</c> is set (as for the server), else the SQLite file.</summary>
    private static IApiKeyStore Store(ParseResult parse)
    {
        if (Environment.GetEnvironmentVariable("SelfHeal__PostgresConnectionString") is { Length: > 0 } postgres)
        {
            return new PostgresApiKeyStore(Options.Create(new PostgresBugStoreOptions { ConnectionString = postgres }), TimeProvider.System);
        }
        var options = new SqliteRunStoreOptions();
        if (parse.GetValue(GlobalOptions.Database) is { } database)
        {
            options.DatabasePath = database;
        }
        return new SqliteApiKeyStore(Options.Create(options), TimeProvider.System);
    }
}
