using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SelfHeal.Cli.Input;
using SelfHeal.Cli.Rendering;
using SelfHeal.Diagnosis;
using SelfHeal.Reports;
using SelfHeal.Runs;

namespace SelfHeal.Cli.Commands;

/// <summary><c>selfheal diagnose</c>: reproduce a bug and rank where it lives.</summary>
internal static class DiagnoseCommand
{
    public static Command Create()
    {
        var repo = new Option<string>("--repo") { Description = "The git repository to diagnose (default: the current folder).", DefaultValueFactory = _ => "." };
        var test = new Option<string?>("--test") { Description = "The command that runs the tests, replacing auto-detection (e.g. \"dotnet test\", \"pytest -x\")." };
        var log = new Option<string?>("--log") { Description = "A log or stack trace that shows the bug (a file, or - for stdin)." };
        var issue = new Option<string?>("--issue") { Description = "The bug in words, as a user reported it." };
        var commit = new Option<string?>("--commit") { Description = "The commit to diagnose (default: HEAD)." };
        var includeUncommitted = new Option<bool>("--include-uncommitted") { Description = "Copy the checkout's uncommitted changes into the run's worktree (default: ignored, with a warning)." };
        var keep = new Option<bool>("--keep-workspace") { Description = "Keep the run's worktree after the run, for inspection." };
        var top = new Option<int>("--top") { Description = "How many suspects to print.", DefaultValueFactory = _ => 5 };
        var json = GlobalOptions.Json();

        var command = new Command("diagnose", "Reproduce a bug (run the tests, read the trace) and rank the places it may live.")
        {
            repo, test, log, issue, commit, includeUncommitted, keep, top, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliServices.BuildAsync(parse, cancellationToken).ConfigureAwait(false);
            var repoPath = Path.GetFullPath(parse.GetValue(repo)!);
            if (!Directory.Exists(repoPath))
            {
                return Fail($"--repo '{repoPath}' does not exist. Point it at a git repository.");
            }
            var testCommand = parse.GetValue(test);
            if (testCommand is not null && string.IsNullOrWhiteSpace(testCommand))
            {
                return Fail("--test is empty. Give the command that runs the tests, for example --test \"dotnet test\".");
            }
            string? logText = null;
            if (parse.GetValue(log) is { } logPath)
            {
                (logText, var error) = await LogInput.ReadAsync(logPath, cancellationToken).ConfigureAwait(false);
                if (error is not null)
                {
                    return Fail(error);
                }
            }
            var title = parse.GetValue(issue) is { Length: > 0 } text
                ? SafeText.FirstLine(text, 200)
                : $"diagnose {Path.GetFileName(repoPath.TrimEnd(Path.DirectorySeparatorChar))}";
            var report = new BugReport(title) { Description = parse.GetValue(issue), Log = logText };
            var target = new RunTarget(repoPath, parse.GetValue(commit), testCommand, parse.GetValue(includeUncommitted));

            var workflow = services.GetRequiredService<DiagnoseWorkflow>();
            var (runId, state) = await new LiveProgress().RunAsync(progress =>
                workflow.RunAsync(report, target, progress, parse.GetValue(keep), cancellationToken)).ConfigureAwait(false);

            if (parse.GetValue(json))
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

    private static int Fail(string message)
    {
        Output.Error.WriteLine($"error: {message}");
        return ExitCodes.BadInput;
    }
}
