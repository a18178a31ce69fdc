using SelfHeal.Runs;

namespace SelfHeal.Llm;

/// <summary>Where the transcript decorator records each model call: the run's event log, in a run.</summary>
public interface IModelCallSink
{
    Task RecordAsync(ModelCalled call, CancellationToken cancellationToken = default);
}
