using Microsoft.Extensions.AI;

namespace SelfHeal.Llm.Decorators;

/// <summary>
/// SelfHeal's cross-cutting model concerns as <see cref="ChatClientBuilder"/> steps. The first added is the
/// outermost: budget, then transcript, then retries, is the order <see cref="Providers.ModelClients"/> uses, so a refused call
/// leaves no transcript entry and one transcript entry covers all retries of a call.
/// </summary>
public static class LlmChatClientBuilderExtensions
{
    /// <summary>Books tokens and cost in <paramref name="ledger"/> and refuses calls once its budget is spent.</summary>
    public static ChatClientBuilder UseModelBudget(this ChatClientBuilder builder, ModelSpec model, ModelLedger ledger) =>
        builder.Use(inner => new CostAccountingChatClient(inner, model, ledger));

    /// <summary>Records each call in <paramref name="sink"/>; a no-op when <paramref name="sink"/> is <see langword="null"/>.</summary>
    public static ChatClientBuilder UseModelTranscript(this ChatClientBuilder builder, ModelSpec model, PriceTable prices, IModelCallSink? sink, TimeProvider? timeProvider = null) =>
        sink is null ? builder : builder.Use(inner => new TranscriptChatClient(inner, model, prices, sink, timeProvider ?? TimeProvider.System));

    /// <summary>Retries transient failures with backoff, honouring <c>Retry-After</c>, each attempt bounded by the request timeout.</summary>
    public static ChatClientBuilder UseModelRetries(this ChatClientBuilder builder, ModelSpec model, LlmOptions options, TimeProvider? timeProvider = null) =>
        builder.Use(inner => new RetryingChatClient(inner, model, options, timeProvider ?? TimeProvider.System));
}
