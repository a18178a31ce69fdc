using System.Net;

namespace SelfHeal.Llm.Providers;

/// <summary>
/// What the HTTP layer saw during one model call (status, <c>Retry-After</c>), for the retry decorator, whatever
/// vendor SDK made the call and however it wraps the error. The decorator opens a scope around the call; the
/// <see cref="ProviderHttpObserver"/> below the SDK writes into it. Thread-safe.
/// </summary>
internal sealed class ProviderCallScope
{
    private static readonly AsyncLocal<ProviderCallScope?> CurrentScope = new();
    private int _status;
    private long _retryAfterTicks = -1;

    /// <summary>The scope of the call in flight on this async flow, if any.</summary>
    public static ProviderCallScope? Current => CurrentScope.Value;

    /// <summary>The last HTTP status received, or <see langword="null"/> when no response came.</summary>
    public HttpStatusCode? LastStatus => Volatile.Read(ref _status) is var s and > 0 ? (HttpStatusCode)s : null;

    /// <summary>The delay the server asked for with <c>Retry-After</c> on its last response.</summary>
    public TimeSpan? RetryAfter => Interlocked.Read(ref _retryAfterTicks) is var t and >= 0 ? TimeSpan.FromTicks(t) : null;

    /// <summary>Opens a fresh scope for the current async flow; dispose the result to close it.</summary>
    public static Opened Open()
    {
        var scope = new ProviderCallScope();
        var previous = CurrentScope.Value;
        CurrentScope.Value = scope;
        return new Opened(scope, previous);
    }

    public void Observe(HttpStatusCode status, TimeSpan? retryAfter)
    {
        Volatile.Write(ref _status, (int)status);
        Interlocked.Exchange(ref _retryAfterTicks, retryAfter is { } delay ? Math.Max(0, delay.Ticks) : -1);
    }

    /// <summary>An open scope; disposing it restores the previous one.</summary>
    public readonly struct Opened(ProviderCallScope scope, ProviderCallScope? previous) : IDisposable
    {
        public ProviderCallScope Scope => scope;

        public void Dispose() => CurrentScope.Value = previous;
    }
}
