using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using SelfHeal.Patches;
using SelfHeal.Pipeline;
using SelfHeal.Policy;
using SelfHeal.Runs;
using SelfHeal.Testing;
using SelfHeal.Validation;

namespace SelfHeal.Repair;

/// <summary>
/// Repair ⇄ Validate: gathers candidates from every engine, checks each against the patch policy, validates the
/// allowed ones best first within the budgets (see <see cref="CandidateValidator"/>, whose verdicts are recorded with their evidence),
/// tries pairs of partial fixes when no single edit works, and chooses among the plausible patches the one
/// at the best-ranked suspect, then the smallest, then the one without whitespace noise.
/// </summary>
internal sealed class RepairStage(
    IEnumerable<IRepairEngine> engines,
    ITestRunnerResolver runners,
    CandidateValidator validator,
    PatchPolicyLoader policies,
    CommandProbe probe,
    IOptions<RepairOptions> options,
    TimeProvider timeProvider) : IPipelineStage
{
    /// <summary>The name of the patch policy's check in a <see cref="Verdict"/>.</summary>
    public const string PolicyStep = "policy";

    private readonly RepairOptions _options = options.Value;

    public string Name => "repair";

    public async Task<StageOutcome> RunAsync(StageContext context, CancellationToken cancellationToken = default)
    {
        var state = context.State;
        var workspace = state.Workspace?.Path ?? throw new RunAbortedException("The run has no worktree to repair in.");
        var failing = state.Failures.Select(f => f.TestId).ToList();
        if (failing.Count == 0)
        {
            return StageOutcome.Stop(RunOutcome.Inconclusive, "No reproduced failing test to prove a fix against: offline repair needs a failing test. Add one that shows the bug and run again.");
        }
        if (state.Suspects.Count == 0)
        {
            return StageOutcome.Stop(RunOutcome.Inconclusive, "No suspects to repair.");
        }
        var runner = runners.Resolve(workspace, state.Target?.TestCommand)
            ?? throw new RunAbortedException("No test runner recognises the repository any more.");
        var flaky = state.FlakyTests.Select(f => f.TestId).ToHashSet(StringComparer.Ordinal);
        var baseline = state.TestRuns.FirstOrDefault(r => r.Purpose == "reproduce") is { } run ? new TestCounts(run.Passed, run.Failed, run.Skipped) : new TestCounts(0, 0, 0);
        var started = timeProvider.GetTimestamp();
        bool OutOfTime() => timeProvider.GetElapsedTime(started) > _options.TimeBudget;

        var loaded = await policies.LoadAsync(workspace, cancellationToken).ConfigureAwait(false);
        if (!loaded.Succeeded)
        {
            await context.AppendAsync(new WarningRaised($"The repository's .selfheal.yml could not be read ({loaded.Error}); the server's patch policy applies alone."), cancellationToken).ConfigureAwait(false);
        }
        var policy = new PatchPolicyEvaluator(loaded.Policy);
        var request = new ValidationRequest(runner, workspace, state.Target?.TestCommand, failing, flaky, baseline, _options.TestTimeout)
        {
            Policy = loaded.Validation,
            PerformanceBaseline = await PerformanceBaselineAsync(context, loaded.Validation, cancellationToken).ConfigureAwait(false),
        };
        var repair = new RepairContext(workspace, state.Suspects, state) { AppendAsync = context.AppendAsync };
        context.Report("generating candidates");
        var results = new List<(CandidatePatch Candidate, ValidationResult Result)>();
        var firstPlausibleAt = -1;
        await foreach (var candidate in MergeAsync(engines, repair, cancellationToken).ConfigureAwait(false))
        {
            if (results.Count >= _options.MaxCandidates || OutOfTime()
                || results.Count(r => r.Result.Outcome == CandidateVerdict.Plausible) >= _options.MaxPlausible
                || (firstPlausibleAt >= 0 && results.Count - firstPlausibleAt > _options.ExtraCandidatesAfterFirstFix))
            {
                break;
            }
            var result = await ReviewAsync(context, policy, candidate, results.Count + 1, cancellationToken).ConfigureAwait(false)
                ?? await ValidateAsync(context, request, candidate, results.Count + 1, repair.Counters, cancellationToken).ConfigureAwait(false);
            results.Add((candidate, result));
            repair.Feedback.Record(candidate, new CandidateFeedback(result.Outcome, result.FixedTests, result.Detail));
            if (result.Outcome == CandidateVerdict.Plausible && firstPlausibleAt < 0)
            {
                firstPlausibleAt = results.Count;
            }
        }

        if (firstPlausibleAt < 0 && !OutOfTime())
        {
            foreach (var pair in Pairs(results))
            {
                if (results.Count >= _options.MaxCandidates || OutOfTime())
                {
                    break;
                }
                var result = await ReviewAsync(context, policy, pair, results.Count + 1, cancellationToken).ConfigureAwait(false)
                    ?? await ValidateAsync(context, request, pair, results.Count + 1, repair.Counters, cancellationToken).ConfigureAwait(false);
                results.Add((pair, result));
                if (result.Outcome == CandidateVerdict.Plausible)
                {
                    break;
                }
            }
        }

        var plausibleCount = results.Count(r => r.Result.Outcome == CandidateVerdict.Plausible);
        await context.AppendAsync(new RepairTallied(repair.Counters.Generated, repair.Counters.RejectedInMemory, results.Count, plausibleCount, timeProvider.GetElapsedTime(started)), cancellationToken).ConfigureAwait(false);
        var counts = $"{results.Count} candidate(s) validated, {repair.Counters.Generated} generated, {repair.Counters.RejectedInMemory} rejected before any test ran, in {timeProvider.GetElapsedTime(started).TotalSeconds:0.0} s";
        var plausible = results.Where(r => r.Result.Outcome == CandidateVerdict.Plausible).ToList();
        if (plausible.Count == 0)
        {
            return StageOutcome.Stop(RunOutcome.Inconclusive, $"No plausible fix found: {counts}.");
        }
        var ranked = plausible.OrderBy(p => SuspectRank(state, p.Candidate)).ThenBy(p => ChangedLines(p.Result.Diff!)).ThenBy(p => WhitespaceNoise(p.Result.Diff!)).ToList();
        var chosen = ranked[0];
        await context.AppendAsync(new PatchChosen(chosen.Candidate.Engine, chosen.Candidate.Template, chosen.Candidate.Description, chosen.Candidate.Suspect.File, chosen.Candidate.Suspect.StartLine,
            chosen.Result.Diff!, [.. ranked.Skip(1).Select(p => $"{p.Candidate.Description} ({p.Candidate.Engine}/{p.Candidate.Template})")], failing), cancellationToken).ConfigureAwait(false);
        return StageOutcome.Continue($"plausible fix: {chosen.Candidate.Description}; {counts}");
    }

    /// <summary>
    /// Merges the engines' streams lazily, highest score first: each engine yields best first, so the merge only
    /// asks an engine for its next candidate when its current one has been taken and validated (so an engine that
    /// resumes after a <c>yield</c> finds its candidate's verdict in <see cref="RepairContext.Feedback"/>). Candidates
    /// nobody validates are never generated or syntax-checked. Duplicates (the same edits from two engines or
    /// templates) are dropped.
    /// </summary>
    private static async IAsyncEnumerable<CandidatePatch> MergeAsync(IEnumerable<IRepairEngine> engines, RepairContext repair, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var heads = new List<(IAsyncEnumerator<CandidatePatch> Stream, CandidatePatch Current)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var engine in engines)
            {
                var stream = engine.ProposeAsync(repair, cancellationToken).GetAsyncEnumerator(cancellationToken);
                if (await stream.MoveNextAsync().ConfigureAwait(false))
                {
                    heads.Add((stream, stream.Current));
                }
                else
                {
                    await stream.DisposeAsync().ConfigureAwait(false);
                }
            }
            while (heads.Count > 0)
            {
                var best = 0;
                for (var i = 1; i < heads.Count; i++)
                {
                    if (heads[i].Current.Score > heads[best].Current.Score)
                    {
                        best = i;
                    }
                }
                var (stream, candidate) = heads[best];
                var key = string.Join('|', candidate.Edits.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Start).Select(e => $"{e.File}:{e.Start}:{e.Length}:{e.Replacement}"));
                if (seen.Add(key))
                {
                    yield return candidate;
                }
                else
                {
                    repair.Feedback.Record(candidate, new CandidateFeedback(CandidateVerdict.NotApplied, 0, "the same edits as an earlier candidate"));
                }
                if (await stream.MoveNextAsync().ConfigureAwait(false))
                {
                    heads[best] = (stream, stream.Current);
                }
                else
                {
                    await stream.DisposeAsync().ConfigureAwait(false);
                    heads.RemoveAt(best);
                }
            }
        }
        finally
        {
            foreach (var (stream, _) in heads)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The patch policy's say, before the candidate touches the worktree: a violation is recorded with the rule it
    /// broke and the candidate is never applied. Returns <see langword="null"/> when the policy allows it.
    /// </summary>
    private static async Task<ValidationResult?> ReviewAsync(StageContext context, PatchPolicyEvaluator policy, CandidatePatch candidate, int index, CancellationToken cancellationToken)
    {
        var diff = CandidateDiff.Create(context.State.Workspace!.Path, candidate);
        var parsed = diff is null ? null : PatchDocument.Parse(diff);
        var reason = parsed is null ? "an edit names a file outside the repository or out of range"
            : !parsed.Succeeded ? $"its diff does not parse: {parsed.Error}"
            : policy.Evaluate(parsed.Document, context.State.Workspace.Path).FirstOrDefault()?.ToString();
        if (reason is null)
        {
            return null;
        }
        var verdict = new Verdict(CandidateVerdict.RejectedByPolicy, PolicyStep, 0, reason,
            [new LayerResult(PolicyStep, LayerOutcome.Failed, TimeSpan.Zero, reason) { Verdict = CandidateVerdict.RejectedByPolicy }]);
        await RecordAsync(context, candidate, index, verdict, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        return new ValidationResult(verdict, null);
    }

    private async Task<ValidationResult> ValidateAsync(StageContext context, ValidationRequest request, CandidatePatch candidate, int index, RepairCounters counters, CancellationToken cancellationToken)
    {
        context.Report($"candidate {index}: {candidate.Description} ({counters.Generated} generated, {counters.RejectedInMemory} rejected in memory)");
        var started = timeProvider.GetTimestamp();
        var result = await validator.ValidateAsync(request, candidate, cancellationToken).ConfigureAwait(false);
        await RecordAsync(context, candidate, index, result.Verdict, timeProvider.GetElapsedTime(started), cancellationToken).ConfigureAwait(false);
        return result;
    }

    private static async Task RecordAsync(StageContext context, CandidatePatch candidate, int index, Verdict verdict, TimeSpan duration, CancellationToken cancellationToken)
    {
        await context.AppendAsync(new CandidateTested(index, candidate.Engine, candidate.Template, candidate.Description, candidate.Suspect.File, candidate.Suspect.StartLine,
            verdict.Outcome, verdict.FixedTests, duration, verdict.Detail), cancellationToken).ConfigureAwait(false);
        await context.AppendAsync(new VerdictRecorded(index, verdict), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The base commit's performance figure, measured once per run (a resumed run reuses the recorded one) in the clean
    /// worktree before any candidate; <see langword="null"/> when the repository asks for no performance check.
    /// </summary>
    private async Task<PerformanceMeasurement?> PerformanceBaselineAsync(StageContext context, ValidationPolicy validation, CancellationToken cancellationToken)
    {
        if (validation.Performance is not { } check)
        {
            return null;
        }
        if (context.State.PerformanceBaseline is { } recorded && recorded.Measurement.Command == check.Command)
        {
            return recorded.Measurement;
        }
        context.Report("measuring the base commit's performance");
        var measured = await probe.MeasureAsync(check, context.State.Workspace!.Path, cancellationToken).ConfigureAwait(false);
        await context.AppendAsync(new PerformanceBaselineMeasured(measured), cancellationToken).ConfigureAwait(false);
        if (measured.Problem is not null)
        {
            await context.AppendAsync(new WarningRaised($"The performance check is skipped: on the base commit, {measured.Problem}."), cancellationToken).ConfigureAwait(false);
        }
        return measured;
    }

    /// <summary>Pairs of partial fixes (some failures fixed, or the failures fixed but something else broken) at different places.</summary>
    private IEnumerable<CandidatePatch> Pairs(List<(CandidatePatch Candidate, ValidationResult Result)> results)
    {
        var pool = results
            .Where(r => r.Result.Outcome is CandidateVerdict.StillFailing or CandidateVerdict.Regression && r.Result.FixedTests > 0)
            .OrderByDescending(r => r.Result.FixedTests).ThenByDescending(r => r.Candidate.Score)
            .Take(_options.PairPool).Select(r => r.Candidate).ToList();
        for (var i = 0; i < pool.Count; i++)
        {
            for (var j = i + 1; j < pool.Count; j++)
            {
                var (a, b) = (pool[i], pool[j]);
                if (a.Edits.Any(x => b.Edits.Any(y => x.File == y.File && x.Start < y.Start + Math.Max(1, y.Length) && y.Start < x.Start + Math.Max(1, x.Length))))
                {
                    continue;
                }
                yield return new CandidatePatch(a.Engine, $"{a.Template}+{b.Template}", a.Suspect, [.. a.Edits, .. b.Edits], $"{a.Description}; and {b.Description}", a.Score * b.Score);
            }
        }
    }

    private static int SuspectRank(RunState state, CandidatePatch candidate)
    {
        var index = state.Suspects.ToList().FindIndex(s => s.File == candidate.Suspect.File && s.StartLine == candidate.Suspect.StartLine);
        return index < 0 ? int.MaxValue : index;
    }

    private static int ChangedLines(string diff) =>
        diff.Split('\n').Count(l => (l.StartsWith('+') || l.StartsWith('-')) && !l.StartsWith("+++", StringComparison.Ordinal) && !l.StartsWith("---", StringComparison.Ordinal));

    /// <summary>1 when a changed line differs from its counterpart only in whitespace: noise a reviewer has to read past.</summary>
    private static int WhitespaceNoise(string diff)
    {
        var removed = diff.Split('\n').Where(l => l.StartsWith('-') && !l.StartsWith("---", StringComparison.Ordinal)).Select(l => Squash(l[1..])).ToHashSet(StringComparer.Ordinal);
        var added = diff.Split('\n').Where(l => l.StartsWith('+') && !l.StartsWith("+++", StringComparison.Ordinal)).Select(l => Squash(l[1..]));
        return added.Any(removed.Contains) ? 1 : 0;
    }

    private static string Squash(string line) => string.Concat(line.Where(c => !char.IsWhiteSpace(c)));
}
