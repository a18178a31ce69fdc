using Microsoft.Extensions.AI;
using SelfHeal.Runs;
using SelfHeal.Security;

namespace SelfHeal.Llm.Decorators;

/// <summary>
/// Records every model call in the run (<see cref="ModelCalled"/>): model, purpose, tokens, cost, duration, the
/// messages sent and the answer, or the error. Text is passed through <see cref="SecretRedactor"/> first, so a
/// secret that reached a prompt never reaches the record. A failed call is recorded, then its exception rethrown.
/// </summary>
internal sealed class TranscriptChatClient(IChatClient inner, ModelSpec model, PriceTable prices, IModelCallSink sink, TimeProvider timeProvider) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        var (purpose, passed) = ModelCallPurpose.Take(options);
        var started = timeProvider.GetTimestamp();
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(list, passed, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelCallFailedException ex)
        {
            await RecordAsync(purpose, list, null, null, ex.Message, started, cancellationToken).ConfigureAwait(false);
            throw;
        }
        await RecordAsync(purpose, list, response.Text, response.Usage, null, started, cancellationToken).ConfigureAwait(false);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        var (purpose, passed) = ModelCallPurpose.Take(options);
        var started = timeProvider.GetTimestamp();
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in base.GetStreamingResponseAsync(list, passed, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
            yield return update;
        }
        var response = updates.ToChatResponse();
        await RecordAsync(purpose, list, response.Text, response.Usage, null, started, cancellationToken).ConfigureAwait(false);
    }

    private Task RecordAsync(string purpose, IList<ChatMessage> messages, string? answer, UsageDetails? usage, string? error, long started, CancellationToken cancellationToken)
    {
        var (input, output) = answer is null ? (0, 0) : CostAccountingChatClient.Tokens(messages, usage, answer);
        var request = messages.Select(m => new TranscriptMessage(m.Role.Value, SecretRedactor.Instance.Redact(m.Text))).ToList();
        var call = new ModelCalled(model.ToString(), purpose, input, output, prices.CostOf(model, input, output), timeProvider.GetElapsedTime(started),
            error is null ? null : SecretRedactor.Instance.Redact(error), request, answer is null ? null : SecretRedactor.Instance.Redact(answer));
        return sink.RecordAsync(call, cancellationToken);
    }
}
