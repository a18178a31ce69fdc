using SelfHeal.Code;
using SelfHeal.Localization.Signals;

namespace SelfHeal.Localization;

/// <summary>
/// Combines signal scores into ranked suspects. Each signal is normalized by its strongest hit, weighted, and the
/// sum divided by <paramref name="totalWeight"/> (the weights of every enabled signal, used or not), so a score is in
/// [0, 1] and comparable across runs; a suspect in a test file is multiplied by <see cref="LocalizeOptions.TestFileFactor"/>.
/// Ties go to the suspect named by the higher stack frame, then by file path and line.
/// </summary>
internal sealed class SuspectRanker(SourceTree tree, LocalizeOptions options, double totalWeight)
{
    public IReadOnlyList<Suspect> Rank(IEnumerable<(SignalScores Scores, double Weight)> signals)
    {
        var candidates = new Dictionary<SuspectSpan, Candidate>();
        foreach (var (scores, weight) in signals)
        {
            var max = scores.Scale;
            if (max <= 0 || weight <= 0)
            {
                continue;
            }
            foreach (var (span, hit) in scores.Hits)
            {
                if (!candidates.TryGetValue(span, out var candidate))
                {
                    var isTest = tree.Get(span.File)?.IsTest ?? TestFiles.IsTestFile(span.File);
                    candidate = new Candidate(span, isTest ? options.TestFileFactor : 1.0);
                    candidates[span] = candidate;
                }
                var contribution = weight * (hit.Value / max) / totalWeight * candidate.Factor;
                var detail = candidate.Factor < 1 ? $"{hit.Detail} (test file, ×{candidate.Factor:0.##})" : hit.Detail;
                candidate.Evidence.Add(new SuspectEvidence(scores.Signal, Math.Round(contribution, 4), detail));
                candidate.Score += contribution;
                if (hit.StackRank is { } rank)
                {
                    candidate.StackRank = Math.Min(candidate.StackRank, rank);
                }
            }
        }
        return [.. candidates.Values
            .OrderByDescending(c => Math.Round(c.Score, 9))
            .ThenBy(c => c.StackRank)
            .ThenBy(c => c.Span.File, StringComparer.Ordinal)
            .ThenBy(c => c.Span.StartLine)
            .Select(ToSuspect)];
    }

    private Suspect ToSuspect(Candidate candidate)
    {
        var span = candidate.Span;
        var symbol = tree.Get(span.File)?.Outline.EnclosingSymbol(span.StartLine)?.QualifiedName;
        var evidence = candidate.Evidence.OrderByDescending(e => e.Contribution).ToList();
        return new Suspect(span.File, span.StartLine, span.EndLine, symbol, Math.Clamp(Math.Round(candidate.Score, 4), 0, 1), evidence);
    }

    private sealed class Candidate(SuspectSpan span, double factor)
    {
        public SuspectSpan Span { get; } = span;

        public double Factor { get; } = factor;

        public double Score { get; set; }

        public int StackRank { get; set; } = int.MaxValue;

        public List<SuspectEvidence> Evidence { get; } = [];
    }
}
