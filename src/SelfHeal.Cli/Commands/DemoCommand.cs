using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SelfHeal.Cli.Rendering;
using SelfHeal.Delivery;
using SelfHeal.Delivery.PullRequests;
using SelfHeal.Git;
using SelfHeal.Pipeline;
using SelfHeal.Reports;
using SelfHeal.Runs;
using SelfHeal.Sandboxing;

namespace SelfHeal.Cli.Commands;

/// <summary>
/// <c>selfheal demo</c>: copies the bundled sample (a small C# invoice service with a real-shaped bug
/// and its tests) into a temporary git repository with a bare <c>origin.git</c> beside it (standing in for the
/// team's forge), and fixes it end to end, with no setup: the fix is committed on a new branch, pushed to the
/// remote with its Agent Trace notes, and proposed there as a pull request. Both are kept and printed.
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
            var remote = Path.Combine(Path.GetDirectoryName(repo)!, "origin.git");
            CopyDirectory(Path.Combine(sample, "repo"), repo);
            var delivered = false;
            try
            {
                await using var services = await CliServices.BuildAsync(parse, cancellationToken, delivery: services =>
                {
                    services.Configure<DeliveryOptions>(o => o.PullRequestProvider = "local");
                    services.AddLocalRemotePullRequests(o => o.RemoteUrl = remote);
                }).ConfigureAwait(false);
                var fallsBack = SandboxChoice.DemoFallsBack(parse, sandbox, new SandboxOptions());
                if (SandboxChoice.Check(services, fallsBack ? SandboxChoice.DemoUnsandboxedNotice : null) is { } refused)
                {
                    return refused;
                }
                var git = services.GetRequiredService<GitClient>();
                await git.RunCheckedAsync(repo, ["init", "-q", "-b", "main"], cancellationToken).ConfigureAwait(false);
                await git.RunCheckedAsync(repo, ["add", "-A"], cancellationToken).ConfigureAwait(false);
                await git.RunCheckedAsync(repo, ["-c", "user.name=SelfHeal Demo", "-c", "user.email=demo@selfheal.invalid", "commit", "-q", "-m", "Invoice service"], cancellationToken).ConfigureAwait(false);
                await git.RunCheckedAsync(repo, ["init", "-q", "--bare", "-b", "main", remote], cancellationToken).ConfigureAwait(false);
                await git.RunCheckedAsync(repo, ["remote", "add", "origin", remote], cancellationToken).ConfigureAwait(false);
                await git.RunCheckedAsync(repo, ["push", "-q", "origin", "main"], cancellationToken).ConfigureAwait(false);

                Output.Error.WriteLine($"Sample repository: {repo}");
                Output.Error.WriteLine($"Its remote (standing in for the team's forge): {remote}");
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
                    if (state.PullRequest is { } pr)
                    {
                        Output.Error.WriteLine($"The pull request: git --git-dir {remote} show {LocalRemotePullRequestProvider.RequestsPrefix}{pr.Number}:body.md");
                        Output.Error.WriteLine($"Its Agent Trace in the remote: git --git-dir {remote} notes --ref agent-trace show {pr.HeadCommit[..12]}");
                    }
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
