using Microsoft.Extensions.AI;

namespace SelfHeal.Llm.Decorators;

/// <summary>
/// Books every call's tokens and cost in the run's <see cref="ModelLedger"/> and refuses to start a call once the
/// run's budget is spent (<see cref="BudgetExceededException"/>). When a provider reports no usage, tokens are
/// estimated at four characters each, so a budget holds even against servers that omit usage. Thread-safe.
/// </summary>
internal sealed class CostAccountingChatClient(IChatClient inner, ModelSpec model, ModelLedger ledger) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        ledger.EnsureBudget(model);
        var response = await base.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
        var (input, output) = Tokens(list, response.Usage, response.Text);
        ledger.Add(model, input, output);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        ledger.EnsureBudget(model);
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in base.GetStreamingResponseAsync(list, options, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
            yield return update;
        }
        var response = updates.ToChatResponse();
        var (input, output) = Tokens(list, response.Usage, response.Text);
        ledger.Add(model, input, output);
    }

    internal static (long Input, long Output) Tokens(IEnumerable<ChatMessage> messages, UsageDetails? usage, string? answer) =>
        (usage?.InputTokenCount ?? Estimate(messages.Sum(m => m.Text.Length)), usage?.OutputTokenCount ?? Estimate(answer?.Length ?? 0));

    private static long Estimate(int characters) => (characters + 3) / 4;
}
