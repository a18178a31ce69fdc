using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SelfHeal.Benchmarks;
using SelfHeal.Cli.Rendering;

namespace SelfHeal.Cli.Commands;

/// <summary>
/// <c>selfheal bench PATH</c>: runs <c>fix</c> on every instance under a folder (each with an
/// <c>instance.json</c>) or in a SWE-bench JSONL file, and prints how many were fixed, how many
/// correctly, with what effort and how fast.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A folder of instances (each a repository with an instance.json) or a SWE-bench JSONL file." };
        var clones = new Option<string?>("--clones") { Description = "Where SWE-bench instances find local clones of their repositories (DIR/OWNER__NAME or DIR/OWNER/NAME)." };
        var filter = new Option<string?>("--filter") { Description = "Only instances whose id contains this text." };
        var budget = new Option<string>("--time-budget") { Description = "Repair budget per instance: 90s, 10m, 1h.", DefaultValueFactory = _ => "10m" };
        var maxCandidates = new Option<int>("--max-candidates") { Description = "At most this many candidates are validated per instance.", DefaultValueFactory = _ => 200 };
        var baseline = new Option<bool>("--baseline") { Description = "Also time one plain test run per instance, to compare the fix time against." };
        var predictions = new Option<string?>("--predictions") { Description = "Write SWE-bench predictions (JSONL: instance_id, model_name_or_path, model_patch) to this file." };
        var modelName = new Option<string>("--model-name") { Description = "model_name_or_path in the predictions.", DefaultValueFactory = _ => "selfheal-offline" };
        var keep = new Option<bool>("--keep") { Description = "Keep each instance's scratch repository with its fix branch (paths are printed)." };
        var sandbox = SandboxChoice.Create();
        var json = GlobalOptions.Json();
        var command = new Command("bench", "Run fix on every benchmark instance and score the results.") { path, clones, filter, budget, maxCandidates, baseline, predictions, modelName, keep, sandbox, json };
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
            if (parse.GetValue(clones) is { } clonesPath && !Directory.Exists(clonesPath))
            {
                return DiagnoseCommand.Fail($"--clones '{clonesPath}' does not exist. Give the folder holding local clones of the instances' repositories.");
            }
            var predictionsPath = parse.GetValue(predictions);
            if (predictionsPath is not null && Path.GetDirectoryName(Path.GetFullPath(predictionsPath)) is { } folder && !Directory.Exists(folder))
            {
                return DiagnoseCommand.Fail($"--predictions: the folder '{folder}' does not exist.");
            }

            var loaded = BenchInstanceLoader.Load(parse.GetValue(path)!, parse.GetValue(clones));
            foreach (var problem in loaded.Problems)
            {
                Output.Error.WriteLine($"skipped {problem.Origin}: {problem.Message}");
            }
            var instances = parse.GetValue(filter) is { } text
                ? [.. loaded.Instances.Where(i => i.Id.Contains(text, StringComparison.OrdinalIgnoreCase))]
                : loaded.Instances;
            if (instances.Count == 0)
            {
                return DiagnoseCommand.Fail(loaded.Instances.Count == 0
                    ? "no benchmark instance could be read (see above)."
                    : $"no instance id contains '{parse.GetValue(filter)}'.");
            }

            await using var services = await CliServices.BuildAsync(parse, cancellationToken, repair =>
            {
                repair.TimeBudget = timeBudget;
                repair.MaxCandidates = parse.GetValue(maxCandidates);
            }).ConfigureAwait(false);
            if (SandboxChoice.Check(services) is { } refused)
            {
                return refused;
            }
            var runner = services.GetRequiredService<BenchRunner>();
            var options = new BenchOptions { MeasureBaseline = parse.GetValue(baseline), Keep = parse.GetValue(keep) };
            var results = new List<BenchResult>();
            var predictionsWriter = predictionsPath is null ? null : new StreamWriter(predictionsPath, append: false);
            await using (predictionsWriter)
            {
                var view = new BenchProgressView();
                await view.RunAsync(async progress =>
                {
                    await foreach (var result in runner.RunAsync(instances, options, progress, cancellationToken).ConfigureAwait(false))
                    {
                        results.Add(result);
                        if (predictionsWriter is not null)
                        {
                            // Written as results come, so an interrupted benchmark keeps what it finished.
                            await SweBenchPredictions.WriteAsync(predictionsWriter, [result], parse.GetValue(modelName)!).ConfigureAwait(false);
                            await predictionsWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
                        }
                    }
                    return 0;
                }).ConfigureAwait(false);
            }
            if (parse.GetValue(json))
            {
                BenchView.WriteJson(Output.Out, results, loaded.Problems);
            }
            else
            {
                BenchView.WriteText(Output.Out, results);
            }
            if (predictionsPath is not null)
            {
                Output.Error.WriteLine($"Predictions: {Path.GetFullPath(predictionsPath)} ({results.Count} instances)");
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
