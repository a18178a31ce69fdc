using System.CommandLine;
using SelfHeal.Cli.Commands;
using SelfHeal.Cli.Rendering;

namespace SelfHeal.Cli;

/// <summary>The <c>selfheal</c> command tree.</summary>
public static class CliApplication
{
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("SelfHeal: reproduce, localize and fix bugs in your repositories.");
        root.Options.Add(GlobalOptions.Database);
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(DiagnoseCommand.Create());
        root.Subcommands.Add(FixCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(TraceCommands.Trace());
        root.Subcommands.Add(TraceCommands.Blame());
        root.Subcommands.Add(RunsCommand.Create());
        root.Subcommands.Add(AuditCommand.Create());
        root.Subcommands.Add(DoctorCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(WorkerCommand.Create());
        root.Subcommands.Add(ApiKeyCommand.Create());
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; parse errors exit with <see cref="ExitCodes.BadInput"/>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var parse = CreateRootCommand().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                Output.Error.WriteLine($"error: {error.Message}");
            }
            Output.Error.WriteLine("Run 'selfheal --help' for usage.");
            return ExitCodes.BadInput;
        }
        try
        {
            return await parse.InvokeAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Output.Error.WriteLine("cancelled");
            return ExitCodes.Cancelled;
        }
    }
}
