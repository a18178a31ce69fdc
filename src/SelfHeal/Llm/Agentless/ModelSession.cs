using Microsoft.Extensions.AI;
using SelfHeal.Llm.Providers;
using SelfHeal.Repair;
using SelfHeal.Runs;
using SelfHeal.Security;

namespace SelfHeal.Llm.Agentless;

/// <summary>
/// One run's models, as an engine uses them: every call booked in one ledger and recorded in the run, and a
/// spent budget or a failed provider turned into a recorded event and <see cref="Stopped"/> instead of an
/// exception, so the engine can end its stream cleanly. Not thread-safe: one engine enumeration drives it.
/// </summary>
internal sealed class ModelSession : IModelCallSink
{
    private readonly RepairContext _context;
    private readonly string _engine;

    public ModelSession(ModelClients clients, IReadOnlyList<ModelSpec> models, PriceTable prices, LlmOptions options, RepairContext context, string engine)
    {
        _context = context;
        _engine = engine;
        Ledger = new ModelLedger(prices, options.MaxCostPerRun, context.State.ModelCost);
        Models = [.. models.Select(m => (m, clients.Create(m, Ledger, this)))];
    }

    public IReadOnlyList<(ModelSpec Spec, IChatClient Client)> Models { get; }

    public ModelLedger Ledger { get; }

    /// <summary>The budget is spent or a model failed for good: make no further calls.</summary>
    public bool Stopped { get; private set; }

    /// <summary>Whether <see cref="Stopped"/> because the run's budget is spent (else a model failed for good).</summary>
    public bool BudgetSpent { get; private set; }

    /// <summary>The answer of <paramref name="client"/>, or <see langword="null"/> when the call could not be made (then <see cref="Stopped"/>).</summary>
    public async Task<string?> AskAsync(IChatClient client, IList<ChatMessage> messages, ChatOptions options, CancellationToken cancellationToken)
    {
        if (Stopped)
        {
            return null;
        }
        try
        {
            var response = await client.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            return response.Text;
        }
        catch (BudgetExceededException ex)
        {
            Stopped = true;
            BudgetSpent = true;
            await _context.AppendAsync(new ModelBudgetExhausted(_engine, ex.Limit, ex.Spent), cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (ModelCallFailedException ex)
        {
            Stopped = true;
            await _context.AppendAsync(new WarningRaised($"{_engine} stopped: {SecretRedactor.Instance.Redact(ex.Message)}"), cancellationToken).ConfigureAwait(false);
            return null;
        }
    }

    public Task AppendAsync(RunEvent runEvent, CancellationToken cancellationToken) => _context.AppendAsync(runEvent, cancellationToken);

    Task IModelCallSink.RecordAsync(ModelCalled call, CancellationToken cancellationToken) => _context.AppendAsync(call, cancellationToken);
}
