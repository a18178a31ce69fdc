using SelfHeal.Processes;
using SelfHeal.Tests.Support;

namespace SelfHeal.Cli.Tests;

/// <summary>Runs the real <c>selfheal</c> binary in a child process with its own data folder.</summary>
public sealed class CliProcess : IDisposable
{
    private readonly TempDirectory _home = new("selfheal-home");

    public string Home => _home.Path;

    public string DatabasePath => _home.Combine("selfheal.db");

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(args, null);

    /// <summary>Runs the CLI with <paramref name="args"/>, stdin from <paramref name="stdinFile"/> (else empty).</summary>
    /// <param name="environment">Further variables for the CLI's environment (a <see langword="null"/> value removes one).</param>
    public async Task<CliResult> RunAsync(string[] args, string? stdinFile, TimeSpan? timeout = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "SelfHeal.Cli.dll");
        var stderr = _home.Combine($"stderr-{Guid.NewGuid():N}.txt");
        var command = $"dotnet {Quote(dll)} {string.Join(' ', args.Select(Quote))} < {Quote(stdinFile ?? "/dev/null")} 2> {Quote(stderr)}";
        var variables = new Dictionary<string, string?>
        {
            ["SELFHEAL_HOME"] = Home,
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[name] = value;
        }
        var result = await Requires.Processes.RunAsync(CommandSpec.Shell(command, Environment.CurrentDirectory) with
        {
            Timeout = timeout ?? TimeSpan.FromMinutes(5),
            Environment = variables,
        });
        var errors = File.Exists(stderr) ? await File.ReadAllTextAsync(stderr) : "";
        return new CliResult(result.ExitCode, result.Output, errors);
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    public void Dispose() => _home.Dispose();
}

/// <summary>What the CLI printed: stdout and stderr apart, and both for messages.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string Output => Stdout + Stderr;
}
