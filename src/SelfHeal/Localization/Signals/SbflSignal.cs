using SelfHeal.Coverage;

namespace SelfHeal.Localization.Signals;

/// <summary>
/// Spectrum-based fault localization: a line's Ochiai suspiciousness <c>ef / sqrt(totalFailed × (ef + ep))</c>, where
/// <c>ef</c> and <c>ep</c> count the failing and passing coverage slices that executed it. Lines no failing slice
/// executed score 0. A statement takes its most suspicious line.
/// </summary>
internal sealed class SbflSignal
{
    public const string Name = "sbfl";

    public static SignalScores Score(LocalizationInput input)
    {
        var scores = new SignalScores(Name);
        var totalFailed = input.Spectrum.Count(s => s.Failing);
        if (totalFailed == 0)
        {
            return scores;
        }
        var counts = new Dictionary<SourceLine, (int Failed, int Passed)>();
        foreach (var slice in input.Spectrum)
        {
            foreach (var line in slice.Lines)
            {
                var (f, p) = counts.GetValueOrDefault(line);
                counts[line] = slice.Failing ? (f + 1, p) : (f, p + 1);
            }
        }
        foreach (var (line, (ef, ep)) in counts.OrderBy(c => c.Key.File, StringComparer.Ordinal).ThenBy(c => c.Key.Line))
        {
            if (ef == 0 || input.SpanAt(line.File, line.Line) is not { } span)
            {
                continue;
            }
            var ochiai = Ochiai(ef, ep, totalFailed);
            scores.Add(span, ochiai, $"Ochiai {ochiai:0.00} (ef={ef}, ep={ep}, failing slices={totalFailed})");
        }
        return scores;
    }

    /// <summary>Ochiai's coefficient; 0 when nothing failing executed the line.</summary>
    public static double Ochiai(int executedFailing, int executedPassing, int totalFailing) =>
        executedFailing == 0 || totalFailing == 0
            ? 0
            : executedFailing / Math.Sqrt((double)totalFailing * (executedFailing + executedPassing));
}
