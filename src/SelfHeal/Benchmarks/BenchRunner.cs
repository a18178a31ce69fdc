using System.Runtime.CompilerServices;
using SelfHeal.Git;
using SelfHeal.Pipeline;
using SelfHeal.Reports;
using SelfHeal.Runs;
using SelfHeal.Testing;

namespace SelfHeal.Benchmarks;

/// <summary>How a benchmark runs.</summary>
public sealed record BenchOptions
{
    /// <summary>Where each instance's scratch repository is made; a fresh temporary folder when absent.</summary>
    public string? ScratchRoot { get; init; }

    /// <summary>Also time one plain run of each instance's tests, on its own copy, before the fix run.</summary>
    public bool MeasureBaseline { get; init; }

    /// <summary>Keep each instance's scratch repository (with its fix branch) instead of deleting it.</summary>
    public bool Keep { get; init; }
}

/// <summary>Where a benchmark is: which instance, and what its run is doing.</summary>
public sealed record BenchProgress(int Index, int Count, string InstanceId, PipelineProgress? Run, BenchResult? Finished);

/// <summary>
/// Runs <c>fix</c> on every instance, one after the other (each run uses every core for its builds and
/// tests; running two at once would only make both timings wrong), and scores each one.
/// </summary>
public sealed class BenchRunner(HealingWorkflow workflow, BenchWorkspace workspace, GitClient git, ITestRunnerResolver runners, TimeProvider timeProvider)
{
    public async IAsyncEnumerable<BenchResult> RunAsync(
        IReadOnlyList<BenchInstance> instances, BenchOptions options, IProgress<BenchProgress>? progress = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var scratchRoot = options.ScratchRoot ?? Path.Combine(Path.GetTempPath(), $"selfheal-bench-{Guid.NewGuid():N}"[..28]);
        for (var i = 0; i < instances.Count; i++)
        {
            var instance = instances[i];
            progress?.Report(new BenchProgress(i + 1, instances.Count, instance.Id, null, null));
            var scratch = Path.Combine(scratchRoot, $"{i + 1:000}-{Safe(instance.Id)}");
            BenchResult result;
            try
            {
                var runProgress = progress is null ? null : new Forward(run => progress.Report(new BenchProgress(i + 1, instances.Count, instance.Id, run, null)));
                result = await RunOneAsync(instance, scratch, options, runProgress, cancellationToken).ConfigureAwait(false);
            }
            catch (BenchInstanceException e)
            {
                result = new BenchResult(instance.Id, "error") { Reason = e.Message, HasTrueFix = instance.TrueFix is not null };
            }
            finally
            {
                if (!options.Keep && Directory.Exists(scratch))
                {
                    DeleteTree(scratch);
                }
            }
            progress?.Report(new BenchProgress(i + 1, instances.Count, instance.Id, null, result));
            yield return result;
        }
        if (!options.Keep && options.ScratchRoot is null && Directory.Exists(scratchRoot) && !Directory.EnumerateFileSystemEntries(scratchRoot).Any())
        {
            Directory.Delete(scratchRoot);
        }
    }

    private async Task<BenchResult> RunOneAsync(BenchInstance instance, string scratch, BenchOptions options, IProgress<PipelineProgress>? progress, CancellationToken cancellationToken)
    {
        var repo = await workspace.PrepareAsync(instance, Path.Combine(scratch, "repo"), cancellationToken).ConfigureAwait(false);
        double? baseline = null;
        if (options.MeasureBaseline)
        {
            baseline = await TimeTestRunAsync(instance, repo, Path.Combine(scratch, "baseline"), cancellationToken).ConfigureAwait(false);
        }

        var report = new BugReport(Title(instance)) { Description = instance.Description, Source = "bench" };
        var started = timeProvider.GetTimestamp();
        var (runId, state) = await workflow.RunAsync(HealingWorkflow.Fix, report, new RunTarget(repo, null, instance.TestCommand, false), progress, false, cancellationToken).ConfigureAwait(false);
        var seconds = timeProvider.GetElapsedTime(started).TotalSeconds;

        var plausible = state.Delivery is not null;
        bool? correct = null;
        if (plausible && instance.TrueFix is not null)
        {
            correct = await SameEffectAsync(repo, state.Delivery!.Branch, instance.TrueFix, Path.Combine(scratch, "truth"), cancellationToken).ConfigureAwait(false);
        }
        bool? failToPass = plausible && instance.FailToPass.Count > 0 && state.Patch is { } patch
            ? instance.FailToPass.All(expected => patch.FixedTests.Any(fixedTest => TestIds.Match(expected, fixedTest)))
            : null;
        return new BenchResult(instance.Id, state.Status.ToString().ToLowerInvariant())
        {
            Plausible = plausible,
            Correct = correct,
            HasTrueFix = instance.TrueFix is not null,
            FailToPassFixed = failToPass,
            Validated = state.Repair?.Validated ?? state.Candidates.Count,
            Generated = state.Repair?.Generated ?? 0,
            RejectedInMemory = state.Repair?.RejectedInMemory ?? 0,
            Seconds = seconds,
            BaselineSeconds = baseline,
            RunId = runId,
            Patch = state.Patch?.Diff,
            FixDescription = state.Patch?.Description,
            Reason = plausible ? null : state.FailureReason ?? state.Finished?.Summary,
        };
    }

    /// <summary>Seconds of one plain run of the instance's tests on a clone of the prepared repository.</summary>
    private async Task<double> TimeTestRunAsync(BenchInstance instance, string repo, string copy, CancellationToken cancellationToken)
    {
        await CloneAsync(repo, copy, cancellationToken).ConfigureAwait(false);
        var runner = runners.Resolve(copy, instance.TestCommand)
            ?? throw new BenchInstanceException("no test runner recognises the repository; give test_command in the instance.");
        var started = timeProvider.GetTimestamp();
        await runner.RunAsync(new TestRunRequest(copy) { Command = instance.TestCommand }, cancellationToken).ConfigureAwait(false);
        return timeProvider.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>Whether the fix branch's versions of every file either fix touches mean the same code as the true fix's.</summary>
    private async Task<bool> SameEffectAsync(string repo, string branch, string trueFix, string truth, CancellationToken cancellationToken)
    {
        await CloneAsync(repo, truth, cancellationToken).ConfigureAwait(false);
        try
        {
            await workspace.ApplyAsync(truth, trueFix, "the true fix", cancellationToken).ConfigureAwait(false);
        }
        catch (BenchInstanceException)
        {
            return false;
        }
        var trueFiles = Lines(await git.RunCheckedAsync(truth, ["diff", "--name-only", "HEAD"], cancellationToken).ConfigureAwait(false));
        var fixFiles = Lines(await git.RunCheckedAsync(repo, ["diff", "--name-only", "HEAD", branch], cancellationToken).ConfigureAwait(false));
        foreach (var path in trueFiles.Union(fixFiles, StringComparer.Ordinal))
        {
            var fixedText = await git.RunAsync(repo, ["show", $"{branch}:{path}"], cancellationToken).ConfigureAwait(false);
            var trueFile = Path.Combine(truth, path);
            var trueText = File.Exists(trueFile) ? await File.ReadAllTextAsync(trueFile, cancellationToken).ConfigureAwait(false) : null;
            if (!FixEquivalence.SameCode(path, fixedText.Succeeded ? fixedText.Output : null, trueText))
            {
                return false;
            }
        }
        return true;
    }

    private Task<string> CloneAsync(string repo, string target, CancellationToken cancellationToken) =>
        git.RunCheckedAsync(Path.GetDirectoryName(target)!, ["clone", "-q", "--shared", repo, target], cancellationToken);

    private static string Title(BenchInstance instance)
    {
        var firstLine = instance.Description?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        return firstLine is null ? $"bench {instance.Id}" : firstLine.Length <= 200 ? firstLine : firstLine[..199] + "…";
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Safe(string id) => new([.. id.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]);

    private static void DeleteTree(string path)
    {
        foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }
        Directory.Delete(path, recursive: true);
    }

    private sealed class Forward(Action<PipelineProgress> report) : IProgress<PipelineProgress>
    {
        public void Report(PipelineProgress value) => report(value);
    }
}
