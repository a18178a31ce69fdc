using Microsoft.Extensions.Options;
using SelfHeal.Git;
using SelfHeal.Localization.Signals;

namespace SelfHeal.Localization;

/// <summary>
/// Runs the signals over a <see cref="LocalizationInput"/> and ranks what they found: stack, sbfl, text and reach
/// first (reach only without a per-test coverage spectrum: it is the fallback for what coverage observes); then history for
/// the files of the best suspects, where it only re-weighs statements already suspected.
/// Thread-safe; each call works on its own input.
/// </summary>
internal sealed class SuspectLocalizer(GitClient git, IOptions<LocalizeOptions> options)
{
    /// <summary>A spectrum is fine when it has a slice per test and at least this many; group slices stay coarse.</summary>
    private const int FineSpectrumSlices = 3;

    private readonly LocalizeOptions _options = options.Value;

    public async Task<LocalizeResult> LocalizeAsync(LocalizationInput input, CancellationToken cancellationToken = default)
    {
        var o = _options;
        var notes = new List<string>();
        var signals = new List<(SignalScores Scores, double Weight)>();
        void Run(double weight, Func<SignalScores> score, string whenEmpty)
        {
            if (weight <= 0)
            {
                return;
            }
            var scores = score();
            if (scores.Hits.Count == 0)
            {
                notes.Add(whenEmpty);
            }
            signals.Add((scores, weight));
        }

        Run(o.StackWeight, () => new StackSignal(o).Score(input), "stack: no stack frame in the project's code");
        Run(o.SbflWeight, () => SbflSignal.Score(input), "sbfl: no coverage spectrum");
        Run(o.TextWeight, () => new TextSignal(o).Score(input), "text: the report's words match no code");
        // Reach guesses from source what coverage observes; a fine spectrum (a slice per test) says it better. A coarse one
        // (the failing run against the rest) cannot tell the code a test targets from the code it merely passes through.
        var fineSpectrum = input.Spectrum.Count >= FineSpectrumSlices && input.Spectrum.Any(s => s.Failing) && input.Spectrum.All(s => s.TestIds.Count == 1);
        var reachWeight = fineSpectrum ? 0 : o.ReachWeight;
        Run(reachWeight, () => ReachSignal.Score(input), "reach: the failing tests were not found in the test files");

        var totalWeight = new[] { o.StackWeight, o.SbflWeight, o.TextWeight, reachWeight, o.HistoryWeight, o.ShapeWeight }.Where(w => w > 0).Sum();
        if (totalWeight <= 0)
        {
            return new LocalizeResult([], ["every signal's weight is 0"]);
        }
        var ranker = new SuspectRanker(input.Tree, o, totalWeight);
        var ranked = ranker.Rank(signals);
        if (ranked.Count > 0 && o.HistoryWeight > 0 && o.HistoryFiles > 0)
        {
            var files = ranked.Select(s => s.File).Distinct(StringComparer.Ordinal).Take(o.HistoryFiles).ToList();
            var history = await new HistorySignal(git).ScoreAsync(input.Tree, files, cancellationToken).ConfigureAwait(false);
            var suspected = ranked.Select(s => new SuspectSpan(s.File, s.StartLine, s.EndLine)).ToHashSet();
            var kept = new SignalScores(HistorySignal.Name) { FixedScale = 1 };
            foreach (var (span, hit) in history.Hits.Where(h => suspected.Contains(h.Key)))
            {
                kept.Add(span, hit.Value, hit.Detail);
            }
            if (kept.Hits.Count > 0)
            {
                signals.Add((kept, o.HistoryWeight));
                ranked = ranker.Rank(signals);
            }
        }
        if (ranked.Count > 0 && o.ShapeWeight > 0)
        {
            // Only near-ties can change order: the prior is small and scores statements already suspected.
            signals.Add((ShapeSignal.Score(input.Tree, ranked.Select(s => new SuspectSpan(s.File, s.StartLine, s.EndLine))), o.ShapeWeight));
            ranked = ranker.Rank(signals);
        }
        return new LocalizeResult([.. ranked.Take(o.MaxSuspects)], notes);
    }
}
