using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SelfHeal.Cli.Rendering;
using SelfHeal.Git;
using SelfHeal.Pipeline;
using SelfHeal.Reports;
using SelfHeal.Runs;
using SelfHeal.Sandboxing;

namespace SelfHeal.Cli.Commands;

/// <summary>
/// <c>selfheal demo</c>: copies the bundled sample (a small C# invoice service with a real-shaped bug
/// and its tests) into a temporary git repository and fixes it end to end, with no setup: the fix is
/// committed on a new branch of that repository, which is kept and printed.
/// </summary>
internal static class DemoCommand
{
    private const string SampleName = "invoice-service";

    public static Command Create()
    {
        var keep = new Option<bool>("--keep") { Description = "Keep the sample repository afterwards (its path is printed)." };
        var diagnoseOnly = new Option<bool>("--diagnose-only") { Description = "Only reproduce and localize; don't repair." };
        var json = GlobalOptions.Json();
        var sandbox = SandboxChoice.Create();
        var command = new Command("demo", "Fix a bundled sample repository end to end (no setup needed).") { keep, diagnoseOnly, sandbox, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var sample = Path.Combine(AppContext.BaseDirectory, "samples", SampleName);
            if (!Directory.Exists(Path.Combine(sample, "repo")))
            {
                Output.Error.WriteLine($"error: the bundled sample is missing from {sample}; reinstall SelfHeal.");
                return ExitCodes.InternalError;
            }
            var description = ReadDescription(sample);
            var repo = Path.Combine(Path.GetTempPath(), $"selfheal-demo-{Guid.NewGuid():N}"[..26], SampleName);
            CopyDirectory(Path.Combine(sample, "repo"), repo);
            var delivered = false;
            try
            {
                await using var services = await CliServices.BuildAsync(parse, cancellationToken).ConfigureAwait(false);
                var fallsBack = SandboxChoice.DemoFallsBack(parse, sandbox, new SandboxOptions());
                if (SandboxChoice.Check(services, fallsBack ? SandboxChoice.DemoUnsandboxedNotice : null) is { } refused)
                {
                    return refused;
                }
                var git = services.GetRequiredService<GitClient>();
                await git.RunCheckedAsync(repo, ["init", "-q", "-b", "main"], cancellationToken).ConfigureAwait(false);
                await git.RunCheckedAsync(repo, ["add", "-A"], cancellationToken).ConfigureAwait(false);
                await git.RunCheckedAsync(repo, ["-c", "user.name=SelfHeal Demo", "-c", "user.email=demo@selfheal.invalid", "commit", "-q", "-m", "Invoice service"], cancellationToken).ConfigureAwait(false);

                Output.Error.WriteLine($"Sample repository: {repo}");
                Output.Error.WriteLine($"Reported bug: {SafeText.FirstLine(description, 300)}");
                var report = new BugReport("Invoice totals are wrong") { Description = description, Source = "demo" };
                var target = new RunTarget(repo, null, null, false);
                var workflow = services.GetRequiredService<HealingWorkflow>();
                var stages = parse.GetValue(diagnoseOnly) ? HealingWorkflow.Diagnose : HealingWorkflow.Fix;
                var (runId, state) = await new LiveProgress().RunAsync(progress => workflow.RunAsync(stages, report, target, progress, false, cancellationToken)).ConfigureAwait(false);
                if (parse.GetValue(json))
                {
                    FixView.WriteJson(Output.Out, runId, state);
                }
                else
                {
                    FixView.WriteText(Output.Out, runId, state);
                }
                delivered = state.Delivery is not null;
                if (delivered)
                {
                    Output.Error.WriteLine($"The sample repository with the fix branch is kept at {repo}");
                }
                return DiagnoseCommand.ExitCodeOf(state);
            }
            finally
            {
                if (!parse.GetValue(keep) && !delivered)
                {
                    Directory.Delete(Path.GetDirectoryName(repo)!, recursive: true);
                }
            }
        });
        return command;
    }

    private static string? ReadDescription(string sample)
    {
        var instance = Path.Combine(sample, "instance.json");
        if (!File.Exists(instance))
        {
            return null;
        }
        using var document = JsonDocument.Parse(File.ReadAllText(instance));
        return document.RootElement.TryGetProperty("description", out var description) ? description.GetString() : null;
    }

    private static void CopyDirectory(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
