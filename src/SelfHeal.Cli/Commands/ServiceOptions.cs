using System.CommandLine;
using Microsoft.Extensions.Configuration;

namespace SelfHeal.Cli.Commands;

/// <summary>The options <c>serve</c> and <c>worker</c> share: the shared PostgreSQL database and a JSON configuration file.</summary>
internal sealed class ServiceOptions
{
    /// <summary>The environment variable read when <c>--postgres</c> is not given.</summary>
    public const string PostgresVariable = "SELFHEAL_POSTGRES";

    public Option<string?> Postgres { get; } = new("--postgres")
    {
        Description = $"An Npgsql connection string: keep runs, bugs, API keys and jobs in PostgreSQL, shared by every server and worker using it (default: ${PostgresVariable}).",
    };

    public Option<FileInfo?> Config { get; } = new("--config")
    {
        Description = "A JSON configuration file (Heal:Repositories, Heal:Sandbox, Jobs, Channels, ...; see docs/service.md).",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Postgres);
        command.Options.Add(Config);
    }

    /// <summary>The PostgreSQL connection string from the option or the environment, or <see langword="null"/>.</summary>
    public string? PostgresOf(ParseResult parse) =>
        parse.GetValue(Postgres) is { Length: > 0 } given ? given
        : Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } variable ? variable : null;

    /// <summary>Adds the configuration file and the database to <paramref name="configuration"/>; returns what is wrong, or <see langword="null"/>.</summary>
    public string? Apply(ParseResult parse, IConfigurationManager configuration)
    {
        if (PostgresOf(parse) is { } postgres)
        {
            configuration["SelfHeal:PostgresConnectionString"] = postgres;
        }
        if (parse.GetValue(Config) is { } file)
        {
            if (!file.Exists)
            {
                return $"the configuration file '{file.FullName}' does not exist. Give the path of a JSON file with --config.";
            }
            try
            {
                configuration.AddJsonFile(file.FullName, optional: false, reloadOnChange: false);
            }
            catch (InvalidDataException e)
            {
                return $"the configuration file '{file.FullName}' is not valid JSON: {e.Message}";
            }
            // The command line wins over the file.
            if (PostgresOf(parse) is { } chosen)
            {
                configuration["SelfHeal:PostgresConnectionString"] = chosen;
            }
        }
        return null;
    }
}
