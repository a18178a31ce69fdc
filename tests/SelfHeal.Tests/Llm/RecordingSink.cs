using SelfHeal.Llm;
using SelfHeal.Runs;

namespace SelfHeal.Tests.Llm;

/// <summary>Keeps the model calls the transcript decorator records.</summary>
public sealed class RecordingSink : IModelCallSink
{
    public List<ModelCalled> Calls { get; } = [];

    public Task RecordAsync(ModelCalled call, CancellationToken cancellationToken = default)
    {
        Calls.Add(call);
        return Task.CompletedTask;
    }
}
