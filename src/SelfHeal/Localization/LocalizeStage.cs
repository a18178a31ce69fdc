using Microsoft.Extensions.Options;
using SelfHeal.Code;
using SelfHeal.Git;
using SelfHeal.Localization.Coverage;
using SelfHeal.Pipeline;
using SelfHeal.Runs;

namespace SelfHeal.Localization;

/// <summary>
/// The <c>localize</c> stage: ranks the statements most likely to hold the bug and records the best
/// <see cref="LocalizeOptions.MaxSuspects"/> as <see cref="SuspectFound"/> events. Reads the workspace, the report,
/// the reproduced failures and their traces; runs the failing tests with coverage (see <see cref="CoverageCollector"/>)
/// and records those runs as <see cref="TestRunCompleted"/> with purpose <c>coverage</c>. Stops the run as
/// inconclusive when there is nothing to go on. Idempotent: suspects already recorded are reported, not recomputed.
/// </summary>
internal sealed class LocalizeStage(CoverageCollector coverage, SuspectLocalizer localizer, GitClient git, IOptions<LocalizeOptions> options) : IPipelineStage
{
    private readonly LocalizeOptions _options = options.Value;

    public string Name => "localize";

    public async Task<StageOutcome> RunAsync(StageContext context, CancellationToken cancellationToken = default)
    {
        var state = context.State;
        if (state.Suspects.Count > 0)
        {
            return StageOutcome.Continue(Summary(state.Suspects));
        }
        var workspace = state.Workspace
            ?? throw new RunAbortedException("Localize needs the run's workspace, and none was prepared. Run the reproduce stage first.");
        var failing = state.Failures.Select(f => f.TestId).Distinct(StringComparer.Ordinal).ToList();
        var hasFrames = state.Traces.Any(t => t.Frames.Any(f => f.RepoPath is not null));
        var hasText = !string.IsNullOrWhiteSpace(state.Report?.AllText);
        if (failing.Count == 0 && !hasFrames && !hasText)
        {
            return StageOutcome.Stop(RunOutcome.Inconclusive, "nothing to localize: no failing test, no stack trace and no report text");
        }

        context.Report("indexing the source files");
        var tree = await SourceTree.LoadAsync(workspace.Path, git, _options.MaxFiles, _options.MaxFileBytes, cancellationToken).ConfigureAwait(false);
        var input = new LocalizationInput(tree, state.Report, state.Failures, state.Traces);
        if (_options.UseCoverage && _options.SbflWeight > 0 && failing.Count > 0)
        {
            context.Report("running the failing tests with coverage");
            var collected = await coverage.CollectAsync(workspace.Path, state.Target?.TestCommand, failing, TestCatalog.DotnetTestIds(tree), cancellationToken).ConfigureAwait(false);
            foreach (var run in collected.Runs)
            {
                await context.AppendAsync(new TestRunCompleted("coverage", run.Runner, run.Command, run.ExitCode, run.Passed, run.Failed, run.Skipped, run.Duration) { Problem = run.Problem }, cancellationToken).ConfigureAwait(false);
            }
            if (collected.Runs.Any(r => r.Problem is not null) && collected.Note is not null)
            {
                await context.AppendAsync(new WarningRaised($"localize: {collected.Note}"), cancellationToken).ConfigureAwait(false);
            }
            input = input with { Spectrum = collected.Spectrum };
        }

        context.Report("ranking suspects");
        var result = await localizer.LocalizeAsync(input, cancellationToken).ConfigureAwait(false);
        if (result.Suspects.Count == 0)
        {
            var why = result.Notes.Count > 0 ? string.Join("; ", result.Notes) : "no signal pointed at the code";
            return StageOutcome.Stop(RunOutcome.Inconclusive, $"no suspects: {why}");
        }
        for (var i = 0; i < result.Suspects.Count; i++)
        {
            await context.AppendAsync(new SuspectFound(i + 1, result.Suspects[i]), cancellationToken).ConfigureAwait(false);
        }
        return StageOutcome.Continue(Summary(result.Suspects));
    }

    private static string Summary(IReadOnlyList<Suspect> suspects)
    {
        var top = suspects[0];
        var symbol = top.Symbol is null ? "" : $" ({top.Symbol})";
        return $"{suspects.Count} suspect{(suspects.Count == 1 ? "" : "s")}; top: {top.File}:{top.StartLine}{symbol}";
    }
}
