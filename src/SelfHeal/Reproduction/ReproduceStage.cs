using Microsoft.Extensions.Options;
using SelfHeal.Git;
using SelfHeal.Pipeline;
using SelfHeal.Runs;
using SelfHeal.StackTraces;
using SelfHeal.Testing;
using SelfHeal.Testing.Restore;
using SelfHeal.Workspaces;

namespace SelfHeal.Reproduction;

/// <summary>
/// Reproduce: make the run's worktree, run the project's tests there, re-run what failed to tell the
/// bug from flaky tests, and read the stack traces of the failures and of the report's log.
/// A report with only a log goes on without a failing test. With a <see cref="CoverageRunMemo"/> that wants it, the
/// rerun also records coverage and is kept there for localize, which then need not run the failing tests again.
/// With a <see cref="PackageRestore"/>, the repository's packages are fetched first, the only step with network.
/// </summary>
internal sealed class ReproduceStage(
    WorkspaceManager workspaces,
    ITestRunnerResolver runners,
    StackTraceReader traceReader,
    GitClient git,
    IOptions<ReproduceOptions> options,
    CoverageRunMemo? coverageMemo = null,
    PackageRestore? restore = null) : IPipelineStage
{
    private readonly ReproduceOptions _options = options.Value;

    public string Name => "reproduce";

    public async Task<StageOutcome> RunAsync(StageContext context, CancellationToken cancellationToken = default)
    {
        var target = context.State.Target ?? throw new InvalidOperationException("The run has no target.");
        var report = context.State.Report!;
        var workspace = await workspaces.CreateAsync(context.RunId, target.RepositoryPath, target.Commit, target.IncludeUncommitted, cancellationToken).ConfigureAwait(false);
        await context.AppendAsync(new WorkspacePrepared(workspace.Path, workspace.Commit, workspace.CopiedChanges, workspace.IgnoredChanges), cancellationToken).ConfigureAwait(false);
        if (workspace.IgnoredChanges.Count > 0)
        {
            await context.AppendAsync(new WarningRaised(
                $"{workspace.IgnoredChanges.Count} uncommitted file(s) in the checkout are ignored ({string.Join(", ", workspace.IgnoredChanges.Take(3))}{(workspace.IgnoredChanges.Count > 3 ? ", ..." : "")}); the run works on the commit {workspace.Commit[..12]}. Use --include-uncommitted to copy them in."), cancellationToken).ConfigureAwait(false);
        }

        var hasLog = !string.IsNullOrWhiteSpace(report.Log);
        var failures = await RunTestsAsync(context, workspace.Path, target.TestCommand, hasLog, cancellationToken).ConfigureAwait(false);
        if (failures.Stop is { } stop)
        {
            return stop;
        }

        var mapper = new FrameMapper(await ListFilesAsync(workspace.Path, cancellationToken).ConfigureAwait(false));
        foreach (var failure in failures.Reproduced)
        {
            // VSTest's own layout lets the .NET parser type an assertion failure that has no exception header.
            var text = failures.Runner == "dotnet"
                ? $"Error Message:\n {failure.Message}\nStack Trace:\n{failure.StackTrace}"
                : $"{failure.Message}\n{failure.StackTrace}";
            await AppendTracesAsync(context, failure.Id, text, mapper, cancellationToken).ConfigureAwait(false);
        }
        if (hasLog)
        {
            var found = await AppendTracesAsync(context, "log", report.Log!, mapper, cancellationToken).ConfigureAwait(false);
            if (found == 0)
            {
                await context.AppendAsync(new WarningRaised("The log holds no stack trace SelfHeal can read (.NET, Python, Java, Node or Go); its words are still used to search the code."), cancellationToken).ConfigureAwait(false);
            }
        }

        if (failures.Reproduced.Count == 0 && context.State.Traces.Count == 0)
        {
            var why = failures.Ran
                ? "Every test passes and no stack trace was given, so nothing reproduces the bug. Add a failing test, or give the failure's log or stack trace with --log."
                : "No failing test and no stack trace: nothing to go on. Give --log with the failure.";
            return StageOutcome.Stop(RunOutcome.Inconclusive, why);
        }
        var summary = failures.Reproduced.Count > 0
            ? $"{failures.Reproduced.Count} failing test(s) reproduced" + (failures.FlakyCount > 0 ? $", {failures.FlakyCount} flaky" : "")
            : "no failing test; going on from the log's stack trace (lower confidence)";
        if (context.State.Fingerprint is { } fingerprint)
        {
            summary += $"; fingerprint {fingerprint}";
        }
        return StageOutcome.Continue(summary);
    }

    private async Task<TestPhase> RunTestsAsync(StageContext context, string path, string? command, bool hasLog, CancellationToken cancellationToken)
    {
        var runner = runners.Resolve(path, command);
        if (runner is null)
        {
            if (hasLog)
            {
                await context.AppendAsync(new WarningRaised("No test framework was recognised in the repository; going on from the log alone. Give --test CMD to run the tests."), cancellationToken).ConfigureAwait(false);
                return new TestPhase([], 0, Ran: false, null, null);
            }
            return new TestPhase([], 0, false, null, StageOutcome.Stop(RunOutcome.Failed,
                "No tests were found: no test framework was recognised (dotnet, pytest, node, go, maven, ant). Give the test command with --test \"CMD\", or the failure's log with --log FILE."));
        }

        if (restore is not null)
        {
            context.Report($"restoring packages ({runner.Name})");
            if (await restore.RestoreAsync(path, runner.Name, _options.TestTimeout, cancellationToken).ConfigureAwait(false) is { } restored)
            {
                await context.AppendAsync(new PackagesRestored(restored.Command, restored.ExitCode, restored.Duration, restored.Problem), cancellationToken).ConfigureAwait(false);
            }
        }

        context.Report($"running the tests ({runner.Name})");
        var result = await runner.RunAsync(new TestRunRequest(path) { Command = command, Timeout = _options.TestTimeout }, cancellationToken).ConfigureAwait(false);
        await context.AppendAsync(Completed("reproduce", result), cancellationToken).ConfigureAwait(false);
        if (result.Problem is not null && !result.Failures.Any())
        {
            if (hasLog)
            {
                await context.AppendAsync(new WarningRaised($"The tests could not run ({result.Problem}); going on from the log alone."), cancellationToken).ConfigureAwait(false);
                return new TestPhase([], 0, false, runner.Name, null);
            }
            return new TestPhase([], 0, false, runner.Name, StageOutcome.Stop(RunOutcome.Failed, $"The tests could not run: {result.Problem}"));
        }

        var failing = result.Failures.Take(_options.MaxFailures).ToList();
        if (failing.Count == 0 || !_options.RerunFailures)
        {
            return await RecordAsync(context, runner.Name, failing, [], cancellationToken).ConfigureAwait(false);
        }

        context.Report($"re-running {failing.Count} failing test(s) to rule out flakiness");
        var withCoverage = coverageMemo?.Wants(runner.Name) ?? false;
        var rerunIds = failing.Select(f => f.Id).ToList();
        var rerun = await runner.RunAsync(new TestRunRequest(path) { Command = command, Only = rerunIds, NoBuild = true, CollectCoverage = withCoverage, Timeout = _options.TestTimeout }, cancellationToken).ConfigureAwait(false);
        await context.AppendAsync(Completed("rerun", rerun), cancellationToken).ConfigureAwait(false);
        if (withCoverage && rerun.Problem is null)
        {
            coverageMemo!.Put(path, command, rerunIds, rerun);
        }
        // A rerun that could not filter (or ran nothing we can match) proves nothing: keep every failure.
        var passedOnRerun = rerun.Problem is null
            ? rerun.Tests.Where(t => t.Status == TestStatus.Passed).Select(t => t.Id).ToHashSet(StringComparer.Ordinal)
            : [];
        var flaky = failing.Where(f => passedOnRerun.Contains(f.Id)).ToList();
        return await RecordAsync(context, runner.Name, failing.Except(flaky).ToList(), flaky, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<TestPhase> RecordAsync(StageContext context, string runner, IReadOnlyList<TestOutcome> reproduced, IReadOnlyList<TestOutcome> flaky, CancellationToken cancellationToken)
    {
        foreach (var test in flaky)
        {
            await context.AppendAsync(new FlakyTestObserved(test.Id, test.Message), cancellationToken).ConfigureAwait(false);
        }
        foreach (var test in reproduced)
        {
            await context.AppendAsync(new FailureReproduced(test.Id, test.Message, test.StackTrace), cancellationToken).ConfigureAwait(false);
        }
        return new TestPhase(reproduced, flaky.Count, Ran: true, runner, null);
    }

    private async Task<int> AppendTracesAsync(StageContext context, string source, string text, FrameMapper mapper, CancellationToken cancellationToken)
    {
        var traces = traceReader.Read(text);
        foreach (var trace in traces.Take(5))
        {
            var mapped = mapper.Map(trace);
            var root = mapped.Root;
            await context.AppendAsync(new TraceParsed(source, mapped.Language, root.ExceptionType, root.Message, Fingerprint.Compute(mapped), [.. root.Frames.Take(50)]), cancellationToken).ConfigureAwait(false);
        }
        return traces.Count;
    }

    private async Task<IReadOnlyCollection<string>> ListFilesAsync(string path, CancellationToken cancellationToken)
    {
        var files = await git.RunCheckedAsync(path, ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], cancellationToken).ConfigureAwait(false);
        return files.Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }

    private static TestRunCompleted Completed(string purpose, TestRunResult result) =>
        new(purpose, result.Runner, result.Command, result.ExitCode, result.Passed, result.Failed, result.Skipped, result.Duration) { Problem = result.Problem };

    private sealed record TestPhase(IReadOnlyList<TestOutcome> Reproduced, int FlakyCount, bool Ran, string? Runner, StageOutcome? Stop);
}
