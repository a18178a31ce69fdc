namespace SelfHeal.Reporter;

/// <summary>What the reporter did so far; for health pages and tests. Thread-safe.</summary>
public sealed class ReporterStatistics
{
    private long _captured;
    private long _suppressed;
    private long _sent;
    private long _refused;
    private long _dropped;
    private long _failedAttempts;

    /// <summary>Exceptions captured and queued.</summary>
    public long Captured => Interlocked.Read(ref _captured);

    /// <summary>Repeats of an exception already reported in the duplicate window.</summary>
    public long Suppressed => Interlocked.Read(ref _suppressed);

    /// <summary>Reports the server accepted.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Reports the server refused as invalid (they are not retried).</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Reports dropped because the queue was full while the server was down, or the server refused the key.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Requests that failed and were retried.</summary>
    public long FailedAttempts => Interlocked.Read(ref _failedAttempts);

    /// <summary>Why the last request failed, when it did (no secrets).</summary>
    public string? LastError { get; internal set; }

    internal void AddCaptured() => Interlocked.Increment(ref _captured);

    internal void AddSuppressed() => Interlocked.Increment(ref _suppressed);

    internal void AddSent(long count) => Interlocked.Add(ref _sent, count);

    internal void AddRefused(long count) => Interlocked.Add(ref _refused, count);

    internal void AddDropped(long count) => Interlocked.Add(ref _dropped, count);

    internal void AddFailedAttempt() => Interlocked.Increment(ref _failedAttempts);
}
