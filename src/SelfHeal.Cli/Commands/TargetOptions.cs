using System.CommandLine;
using SelfHeal.Cli.Input;
using SelfHeal.Cli.Rendering;
using SelfHeal.Reports;
using SelfHeal.Runs;

namespace SelfHeal.Cli.Commands;

/// <summary>The options that say what a run works on, shared by <c>diagnose</c> and <c>fix</c>, and their validation.</summary>
internal sealed class TargetOptions
{
    public Option<string> Repo { get; } = new("--repo") { Description = "The git repository (default: the current folder).", DefaultValueFactory = _ => "." };

    public Option<string?> Test { get; } = new("--test") { Description = "The command that runs the tests, replacing auto-detection (e.g. \"dotnet test\", \"pytest -x\")." };

    public Option<string?> Log { get; } = new("--log") { Description = "A log or stack trace that shows the bug (a file, or - for stdin)." };

    public Option<string?> Issue { get; } = new("--issue") { Description = "The bug in words, as a user reported it." };

    public Option<string?> Commit { get; } = new("--commit") { Description = "The commit to work at (default: HEAD)." };

    public Option<bool> IncludeUncommitted { get; } = new("--include-uncommitted") { Description = "Copy the checkout's uncommitted changes into the run's worktree (default: ignored, with a warning)." };

    public Option<bool> KeepWorkspace { get; } = new("--keep-workspace") { Description = "Keep the run's worktree after the run, for inspection." };

    public Option<string> Sandbox { get; } = SandboxChoice.Create();

    public Option<bool> Json { get; } = GlobalOptions.Json();

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Repo, Test, Log, Issue, Commit, IncludeUncommitted, KeepWorkspace, Sandbox, Json })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The report and target the options describe, or an error that says what was wrong.</summary>
    public async Task<(BugReport? Report, RunTarget? Target, string? Error)> ReadAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var repoPath = Path.GetFullPath(parse.GetValue(Repo)!);
        if (!Directory.Exists(repoPath))
        {
            return (null, null, $"--repo '{repoPath}' does not exist. Point it at a git repository.");
        }
        var testCommand = parse.GetValue(Test);
        if (testCommand is not null && string.IsNullOrWhiteSpace(testCommand))
        {
            return (null, null, "--test is empty. Give the command that runs the tests, for example --test \"dotnet test\".");
        }
        string? logText = null;
        if (parse.GetValue(Log) is { } logPath)
        {
            (logText, var error) = await LogInput.ReadAsync(logPath, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                return (null, null, error);
            }
        }
        var issue = parse.GetValue(Issue);
        var title = issue is { Length: > 0 } text
            ? SafeText.FirstLine(text, 200)
            : $"{parse.CommandResult.Command.Name} {Path.GetFileName(repoPath.TrimEnd(Path.DirectorySeparatorChar))}";
        var report = new BugReport(title) { Description = issue, Log = logText };
        return (report, new RunTarget(repoPath, parse.GetValue(Commit), testCommand, parse.GetValue(IncludeUncommitted)), null);
    }
}
