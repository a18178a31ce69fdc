namespace SelfHeal.Localization.Signals;

/// <summary>A statement of the repo that signals score: a file and a line span.</summary>
internal readonly record struct SuspectSpan(string File, int StartLine, int EndLine);

/// <summary>One signal's raw say about one statement.</summary>
/// <param name="Value">Raw strength (any positive scale; the ranker normalizes by the signal's maximum).</param>
/// <param name="Detail">Why, for a person.</param>
/// <param name="StackRank">Depth of the frame that named it (0 = top project frame), stack signal only.</param>
internal sealed record SignalHit(double Value, string Detail, int? StackRank = null);

/// <summary>A signal's scores over statements. A statement hit twice keeps its strongest hit. Not thread-safe.</summary>
internal sealed class SignalScores(string signal)
{
    private readonly Dictionary<SuspectSpan, SignalHit> _hits = [];

    /// <summary><c>stack</c>, <c>sbfl</c>, <c>text</c>, <c>reach</c> or <c>history</c>.</summary>
    public string Signal { get; } = signal;

    public IReadOnlyDictionary<SuspectSpan, SignalHit> Hits => _hits;

    public double Max => _hits.Count == 0 ? 0 : _hits.Values.Max(h => h.Value);

    /// <summary>
    /// What a hit is divided by to land in [0, 1]: <see cref="Max"/> unless the signal's values already are on an
    /// absolute scale (history's rank differences), where a weak strongest hit must stay weak.
    /// </summary>
    public double Scale => FixedScale ?? Max;

    public double? FixedScale { get; init; }

    public void Add(SuspectSpan span, double value, string detail, int? stackRank = null)
    {
        if (value <= 0 || double.IsNaN(value))
        {
            return;
        }
        if (_hits.TryGetValue(span, out var existing))
        {
            var rank = Min(existing.StackRank, stackRank);
            _hits[span] = value > existing.Value ? new SignalHit(value, detail, rank) : existing with { StackRank = rank };
            return;
        }
        _hits[span] = new SignalHit(value, detail, stackRank);
    }

    private static int? Min(int? a, int? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);
}
