using Microsoft.Extensions.Logging;

namespace SelfHeal.Reporter;

/// <summary>
/// Reports exceptions that reach the application's logs at <see cref="SelfHealReporterOptions.MinimumLevel"/> or
/// above — which is where ASP.NET Core puts the unhandled exceptions of requests. The reporter's own logs are ignored.
/// </summary>
[ProviderAlias("SelfHeal")]
public sealed class SelfHealLoggerProvider(SelfHealReporter reporter) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new ReportingLogger(reporter, categoryName);

    public void Dispose()
    {
    }

    private sealed class ReportingLogger(SelfHealReporter reporter, string category) : ILogger
    {
        private readonly bool _own = category.StartsWith("SelfHeal.Reporter", StringComparison.Ordinal);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => !_own && logLevel != LogLevel.None && logLevel >= reporter.Options.MinimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is null || !IsEnabled(logLevel))
            {
                return;
            }
            string? message;
            try
            {
                message = formatter(state, exception);
            }
#pragma warning disable CA1031 // A formatter that throws must not take the application down through its logger.
            catch (Exception)
#pragma warning restore CA1031
            {
                message = null;
            }
            reporter.Report(exception, "logged", message, category, logLevel);
        }
    }
}
