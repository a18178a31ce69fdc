using System.CommandLine;

namespace SelfHeal.Cli.Commands;

/// <summary>Options every command understands.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> Database = new("--db")
    {
        Description = "Path of the run database (default: selfheal.db in the per-user data folder, $SELFHEAL_HOME or ~/.local/share/selfheal).",
        Recursive = true,
    };

    public static Option<bool> Json() => new("--json") { Description = "Print the result as JSON on stdout." };
}
