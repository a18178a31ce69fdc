using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SelfHeal.Cli.Rendering;
using SelfHeal.Pipeline;
using SelfHeal.Runs;

namespace SelfHeal.Cli.Commands;

/// <summary><c>selfheal diagnose</c>: reproduce a bug and rank where it lives.</summary>
internal static class DiagnoseCommand
{
    public static Command Create()
    {
        var target = new TargetOptions();
        var top = new Option<int>("--top") { Description = "How many suspects to print.", DefaultValueFactory = _ => 5 };
        var command = new Command("diagnose", "Reproduce a bug (run the tests, read the trace) and rank the places it may live.") { top };
        target.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliServices.BuildAsync(parse, cancellationToken).ConfigureAwait(false);
            var (report, runTarget, error) = await target.ReadAsync(parse, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                return Fail(error);
            }
            if (SandboxChoice.Check(services) is { } refused)
            {
                return refused;
            }
            var workflow = services.GetRequiredService<HealingWorkflow>();
            var (runId, state) = await new LiveProgress().RunAsync(progress =>
                workflow.RunAsync(HealingWorkflow.Diagnose, report!, runTarget!, progress, parse.GetValue(target.KeepWorkspace), cancellationToken)).ConfigureAwait(false);
            if (parse.GetValue(target.Json))
            {
                DiagnosisView.WriteJson(Output.Out, runId, state);
            }
            else
            {
                DiagnosisView.WriteText(Output.Out, runId, state, Math.Max(1, parse.GetValue(top)));
            }
            return ExitCodeOf(state);
        });
        return command;
    }

    internal static int ExitCodeOf(RunState state) => state.Finished?.Outcome switch
    {
        RunOutcome.Completed => ExitCodes.Success,
        RunOutcome.Inconclusive => ExitCodes.NothingFound,
        RunOutcome.Cancelled => ExitCodes.Cancelled,
        RunOutcome.Failed => ExitCodes.BadInput,
        _ => ExitCodes.InternalError,
    };

    internal static int Fail(string message)
    {
        Output.Error.WriteLine($"error: {message}");
        return ExitCodes.BadInput;
    }
}
