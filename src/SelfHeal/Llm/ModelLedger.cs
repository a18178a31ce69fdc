namespace SelfHeal.Llm;

/// <summary>
/// One run's model spending: tokens and dollars across every model, against an optional hard limit.
/// Thread-safe. A ledger belongs to one run; it is never shared between runs.
/// </summary>
/// <param name="alreadySpent">What the run spent before (a resumed run), counted against the limit.</param>
public sealed class ModelLedger(PriceTable prices, decimal? limit, decimal alreadySpent = 0)
{
    private readonly Lock _gate = new();
    private long _inputTokens;
    private long _outputTokens;
    private decimal _spent = alreadySpent;
    private int _calls;

    public PriceTable Prices => prices;

    /// <summary>The run's limit in US dollars, or <see langword="null"/> for none.</summary>
    public decimal? Limit => limit;

    public decimal Spent { get { lock (_gate) { return _spent; } } }

    public long InputTokens { get { lock (_gate) { return _inputTokens; } } }

    public long OutputTokens { get { lock (_gate) { return _outputTokens; } } }

    public int Calls { get { lock (_gate) { return _calls; } } }

    /// <summary>Throws <see cref="BudgetExceededException"/> when the limit is reached: no new call may start.</summary>
    public void EnsureBudget(ModelSpec model)
    {
        lock (_gate)
        {
            if (limit is { } max && _spent >= max)
            {
                throw new BudgetExceededException($"The model budget of this run (${max:0.####}) is spent (${_spent:0.####} used); {model} was not called. Raise it with --max-cost.")
                {
                    Limit = max,
                    Spent = _spent,
                };
            }
        }
    }

    /// <summary>Books a finished call and returns its cost.</summary>
    public decimal Add(ModelSpec model, long inputTokens, long outputTokens)
    {
        var cost = prices.CostOf(model, inputTokens, outputTokens);
        lock (_gate)
        {
            _inputTokens += inputTokens;
            _outputTokens += outputTokens;
            _spent += cost;
            _calls++;
        }
        return cost;
    }
}
