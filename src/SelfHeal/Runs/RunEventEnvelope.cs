namespace SelfHeal.Runs;

/// <summary>An event as stored: its place in the run and when it was written.</summary>
/// <param name="Sequence">1-based, gap-free position in the run.</param>
public sealed record RunEventEnvelope(string RunId, long Sequence, DateTimeOffset At, RunEvent Event);
