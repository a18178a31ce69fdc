using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SelfHeal.Cli.Rendering;
using SelfHeal.Pipeline;

namespace SelfHeal.Cli.Commands;

/// <summary><c>selfheal fix</c>: reproduce, localize, repair and validate, then commit the fix on a new branch.</summary>
internal static class FixCommand
{
    public static Command Create()
    {
        var target = new TargetOptions();
        var llm = new LlmCliOptions();
        var delivery = new DeliveryCliOptions();
        var budget = new Option<string>("--time-budget") { Description = "Wall-clock budget for repair and validation: 90s, 10m, 1h.", DefaultValueFactory = _ => "10m" };
        var maxCandidates = new Option<int>("--max-candidates") { Description = "At most this many candidates are validated with tests.", DefaultValueFactory = _ => 200 };
        var command = new Command("fix", "Find a bug's fix, prove it with the project's tests, and commit it on a new branch selfheal/<run-id>.") { budget, maxCandidates };
        llm.AddTo(command);
        delivery.AddTo(command);
        target.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!Durations.TryParse(parse.GetValue(budget)!, out var timeBudget))
            {
                return DiagnoseCommand.Fail($"--time-budget '{parse.GetValue(budget)}' is not a duration. Use a number with s, m or h: 90s, 10m, 1h.");
            }
            if (parse.GetValue(maxCandidates) < 1)
            {
                return DiagnoseCommand.Fail("--max-candidates must be at least 1.");
            }
            if (!llm.TryRead(parse, out var engines, out var llmError))
            {
                return DiagnoseCommand.Fail(llmError!);
            }
            var (report, runTarget, error) = await target.ReadAsync(parse, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                return DiagnoseCommand.Fail(error);
            }
            if (!delivery.TryRead(parse, runTarget!.RepositoryPath, out var deliverTo, out var deliveryError))
            {
                return DiagnoseCommand.Fail(deliveryError!);
            }
            await using var services = await CliServices.BuildAsync(parse, cancellationToken, repair =>
            {
                repair.TimeBudget = timeBudget;
                repair.MaxCandidates = parse.GetValue(maxCandidates);
            }, engines, deliverTo).ConfigureAwait(false);
            if (SandboxChoice.Check(services) is { } refused)
            {
                return refused;
            }
            var workflow = services.GetRequiredService<HealingWorkflow>();
            var (runId, state) = await new LiveProgress().RunAsync(progress =>
                workflow.RunAsync(HealingWorkflow.Fix, report!, runTarget!, progress, parse.GetValue(target.KeepWorkspace), cancellationToken)).ConfigureAwait(false);
            if (parse.GetValue(target.Json))
            {
                FixView.WriteJson(Output.Out, runId, state);
            }
            else
            {
                FixView.WriteText(Output.Out, runId, state);
            }
            return DiagnoseCommand.ExitCodeOf(state);
        });
        return command;
    }
}
