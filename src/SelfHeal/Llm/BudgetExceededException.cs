namespace SelfHeal.Llm;

/// <summary>
/// A model call was refused because the run's model budget is spent. Engines catch it, record
/// <see cref="Runs.ModelBudgetExhausted"/> and stop proposing; the run goes on with what it has.
/// </summary>
public sealed class BudgetExceededException : Exception
{
    public BudgetExceededException() { }

    public BudgetExceededException(string message) : base(message) { }

    public BudgetExceededException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The run's limit in US dollars.</summary>
    public decimal Limit { get; init; }

    /// <summary>What the run had spent when the call was refused.</summary>
    public decimal Spent { get; init; }
}
