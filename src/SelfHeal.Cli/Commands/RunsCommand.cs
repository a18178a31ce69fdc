using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SelfHeal.Cli.Rendering;
using SelfHeal.Runs;

namespace SelfHeal.Cli.Commands;

/// <summary><c>selfheal runs</c> lists runs; <c>selfheal runs show ID</c> prints one run's timeline.</summary>
internal static class RunsCommand
{
    public static Command Create()
    {
        var limit = new Option<int>("--limit") { Description = "How many runs to list, newest first.", DefaultValueFactory = _ => 20 };
        var json = GlobalOptions.Json();
        var command = new Command("runs", "List runs, newest first.") { limit, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliServices.BuildAsync(parse, cancellationToken).ConfigureAwait(false);
            var runs = await services.GetRequiredService<IRunStore>().ListAsync(new RunQuery { Limit = Math.Clamp(parse.GetValue(limit), 1, RunQuery.MaxLimit) }, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                Output.Out.WriteLine(JsonSerializer.Serialize(runs, RunJson.Indented));
                return ExitCodes.Success;
            }
            if (runs.Count == 0)
            {
                Output.Out.WriteLine("No runs yet. Start one with: selfheal diagnose --repo PATH");
                return ExitCodes.Success;
            }
            Output.Out.WriteLine($"{"ID",-22} {"CREATED (UTC)",-19} {"STATUS",-12} TITLE");
            foreach (var run in runs)
            {
                Output.Out.WriteLine($"{run.Id,-22} {run.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),-19} {run.Status.ToString().ToLowerInvariant(),-12} {SafeText.FirstLine(run.Title, 80)}");
            }
            return ExitCodes.Success;
        });
        command.Subcommands.Add(CreateShow());
        return command;
    }

    private static Command CreateShow()
    {
        var id = new Argument<string>("id") { Description = "The run id (as printed by 'selfheal runs')." };
        var json = GlobalOptions.Json();
        var transcript = new Option<bool>("--transcript") { Description = "Also print every model call's messages and answer." };
        var command = new Command("show", "Print a run's timeline.") { id, json, transcript };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var runId = parse.GetValue(id)!;
            await using var services = await CliServices.BuildAsync(parse, cancellationToken).ConfigureAwait(false);
            var run = RunId.IsWellFormed(runId)
                ? await services.GetRequiredService<IRunStore>().GetAsync(runId, cancellationToken).ConfigureAwait(false)
                : null;
            if (run is null)
            {
                Output.Error.WriteLine($"error: no run '{SafeText.FirstLine(runId, 80)}'. List runs with: selfheal runs");
                return ExitCodes.BadInput;
            }
            if (parse.GetValue(json))
            {
                Output.Out.WriteLine(JsonSerializer.Serialize(new { run.Id, run.State.Status, events = run.Events }, RunJson.Indented));
                return ExitCodes.Success;
            }
            var start = run.Events[0].At;
            Output.Out.WriteLine($"Run {run.Id} — {run.State.Status.ToString().ToLowerInvariant()} — started {start.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC");
            foreach (var envelope in run.Events)
            {
                var offset = envelope.At - start;
                Output.Out.WriteLine($"  {envelope.Sequence,4}  +{offset.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),7}s  {EventText.Describe(envelope.Event)}");
            }
            if (parse.GetValue(transcript))
            {
                TranscriptView.WriteText(Output.Out, run.State);
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
