using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SelfHeal.Reporter;

/// <summary>
/// Queues exception reports for the SelfHeal server. <see cref="Report"/> never throws and never blocks: the queue is
/// bounded (<see cref="SelfHealReporterOptions.MaxQueuedReports"/>; when it is full the oldest report is dropped and
/// counted), and the same exception is reported once per <see cref="SelfHealReporterOptions.DuplicateWindow"/>.
/// <see cref="ReportSender"/> sends what is queued.
/// </summary>
public sealed class SelfHealReporter
{
    private readonly Channel<PendingReport> _queue;
    private readonly SelfHealReporterOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, (DateTimeOffset Until, int Repeats)> _recent = new();

    public SelfHealReporter(IOptions<SelfHealReporterOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
        _queue = Channel.CreateBounded<PendingReport>(
            new BoundedChannelOptions(Math.Max(1, _options.MaxQueuedReports)) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Statistics.AddDropped(1));
    }

    /// <summary>What the reporter did so far.</summary>
    public ReporterStatistics Statistics { get; } = new();

    internal ChannelReader<PendingReport> Reader => _queue.Reader;

    internal SelfHealReporterOptions Options => _options;

    /// <summary>Reports <paramref name="exception"/> (a handled one too). Never throws.</summary>
    /// <param name="how">How it was caught: <c>manual</c>, <c>logged</c>, <c>unhandled</c>, <c>unobserved-task</c>.</param>
    /// <returns>Whether it was queued (false: a repeat within the duplicate window, or the reporter is not configured).</returns>
    public bool Report(Exception exception, string how = "manual", string? logMessage = null, string? category = null, LogLevel level = LogLevel.Error)
    {
        try
        {
            if (exception is null || _options.Endpoint is null)
            {
                return false;
            }
            var now = _time.GetUtcNow();
            var key = ReportBuilder.KeyOf(exception);
            var repeats = 0;
            if (_recent.TryGetValue(key, out var seen))
            {
                if (seen.Until > now)
                {
                    _recent[key] = (seen.Until, seen.Repeats + 1);
                    Statistics.AddSuppressed();
                    return false;
                }
                repeats = seen.Repeats;
            }
            _recent[key] = (now + _options.DuplicateWindow, 0);
            if (_recent.Count > 1000)
            {
                foreach (var stale in _recent.Where(r => r.Value.Until <= now).Select(r => r.Key).ToList())
                {
                    _recent.TryRemove(stale, out _);
                }
            }
            var report = ReportBuilder.Build(exception, _options, now, how, logMessage, category, level);
            if (repeats > 0)
            {
                report.Report.Environment["repeatsSuppressed"] = repeats.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            Statistics.AddCaptured();
            return _queue.Writer.TryWrite(report);
        }
#pragma warning disable CA1031 // The reporter must never throw into the application it watches.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    /// <summary>Reports queued and not yet taken by the sender.</summary>
    public int Queued => _queue.Reader.Count;
}
