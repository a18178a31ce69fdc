using Spectre.Console;

namespace SelfHeal.Cli.Rendering;

/// <summary>
/// Where the CLI writes. Results go to stdout; progress, warnings and errors to stderr, so that
/// <c>--json</c> output stays machine-readable.
/// </summary>
internal static class Output
{
    public static TextWriter Error => Console.Error;

    public static TextWriter Out => Console.Out;

    /// <summary>A Spectre console on stderr, for live progress.</summary>
    public static IAnsiConsole Progress { get; } = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Console.Error),
    });
}
