using Microsoft.Extensions.AI;

namespace SelfHeal.Tests.Llm;

/// <summary>
/// A deterministic <see cref="IChatClient"/>: answers each call with the next scripted reply (text with usage, or an
/// exception) and keeps every request. Fails the call when the script runs out.
/// </summary>
public sealed class ScriptedChatClient : IChatClient
{
    private readonly Queue<Func<ChatResponse>> _script = new();

    public List<(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)> Calls { get; } = [];

    public ScriptedChatClient Answer(string text, long inputTokens = 100, long outputTokens = 50)
    {
        _script.Enqueue(() => new ChatResponse(new ChatMessage(ChatRole.Assistant, text)) { Usage = new UsageDetails { InputTokenCount = inputTokens, OutputTokenCount = outputTokens } });
        return this;
    }

    public ScriptedChatClient Throw(Exception exception)
    {
        _script.Enqueue(() => throw exception);
        return this;
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls.Add(([.. messages], options));
        return _script.Count == 0
            ? throw new InvalidOperationException("The scripted client has no reply left.")
            : Task.FromResult(_script.Dequeue()());
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
