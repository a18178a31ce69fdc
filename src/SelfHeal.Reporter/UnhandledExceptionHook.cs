using Microsoft.Extensions.Hosting;

namespace SelfHeal.Reporter;

/// <summary>
/// Reports <see cref="AppDomain.UnhandledException"/> (then gives the queue a few seconds to go out before the process
/// dies) and <see cref="TaskScheduler.UnobservedTaskException"/>.
/// </summary>
internal sealed class UnhandledExceptionHook(SelfHealReporter reporter, ReportSender reportSender) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (reporter.Options.CaptureUnhandledExceptions)
        {
            AppDomain.CurrentDomain.UnhandledException += OnUnhandled;
            TaskScheduler.UnobservedTaskException += OnUnobserved;
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        AppDomain.CurrentDomain.UnhandledException -= OnUnhandled;
        TaskScheduler.UnobservedTaskException -= OnUnobserved;
        return Task.CompletedTask;
    }

    private void OnUnhandled(object? sender, UnhandledExceptionEventArgs e)
    {
        if (e.ExceptionObject is Exception exception && reporter.Report(exception, "unhandled") && e.IsTerminating)
        {
            // The process is going down: this thread may block, the others are still running.
            reportSender.FlushAsync(reporter.Options.ShutdownTimeout).GetAwaiter().GetResult();
        }
    }

    private void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e) =>
        reporter.Report(e.Exception, "unobserved-task");
}
