using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SelfHeal.Server.Tests.Channels.Email;

/// <summary>A logger that keeps every formatted line, for tests that read what was logged.</summary>
public sealed class ListLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<string> _lines = new();

    /// <summary>Completes when the first line at <see cref="LogLevel.Error"/> is logged.</summary>
    public TaskCompletionSource<string> FirstError { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<string> Lines => [.. _lines];

    public string Text => string.Join('\n', _lines);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        var line = $"{logLevel}: {formatter(state, exception)}{(exception is null ? "" : "\n" + exception)}";
        _lines.Enqueue(line);
        if (logLevel >= LogLevel.Error)
        {
            FirstError.TrySetResult(line);
        }
    }
}
