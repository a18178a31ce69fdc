using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SelfHeal.Reporter;

/// <summary>
/// Sends queued reports to <c>POST /api/v1/bugs/batch</c> in batches. While the server is down or slow the batch is
/// kept and retried with exponential backoff (up to <see cref="SelfHealReporterOptions.MaxBackoff"/>); the keys make
/// a retried batch safe. A refused API key or a report the server finds invalid is dropped and counted, not retried
/// forever. On shutdown, what is queued gets <see cref="SelfHealReporterOptions.ShutdownTimeout"/> to go out.
/// </summary>
public sealed class ReportSender : BackgroundService
{
    private readonly SelfHealReporter _reporter;
    private readonly ILogger<ReportSender> _logger;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private List<PendingReport> _batch = [];

    public ReportSender(SelfHealReporter reporter, ILogger<ReportSender> logger, TimeProvider time)
    {
        _reporter = reporter;
        _logger = logger;
        _time = time;
        var options = reporter.Options;
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            Timeout = options.RequestTimeout,
        };
        if (options.Endpoint is { } endpoint)
        {
            _http.BaseAddress = endpoint;
        }
        if (options.ApiKey is { Length: > 0 } key)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("SelfHeal.Reporter", typeof(ReportSender).Assembly.GetName().Version?.ToString() ?? "1.0"));
    }

    /// <summary>Sends everything queued now, waiting at most <paramref name="timeout"/>. Never throws.</summary>
    public async Task<bool> FlushAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (_batch.Count > 0 || _reporter.Reader.Count > 0)
            {
                if (!await SendOnceAsync(cancel.Token).ConfigureAwait(false))
                {
                    return false;
                }
            }
            return true;
        }
#pragma warning disable CA1031 // Flushing happens while the application stops or crashes: it must not throw.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_reporter.Options.Endpoint is null)
        {
            return;
        }
        var backoff = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (_batch.Count == 0)
                {
                    if (!await _reporter.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
                    {
                        return;
                    }
                    // Let a burst gather into one batch.
                    if (_reporter.Reader.Count < _reporter.Options.BatchSize)
                    {
                        await Task.Delay(_reporter.Options.FlushInterval, _time, stoppingToken).ConfigureAwait(false);
                    }
                }
                if (await SendOnceAsync(stoppingToken).ConfigureAwait(false))
                {
                    backoff = TimeSpan.Zero;
                    continue;
                }
                backoff = backoff == TimeSpan.Zero ? TimeSpan.FromSeconds(1) : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _reporter.Options.MaxBackoff.Ticks));
                await Task.Delay(backoff, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The sender keeps going whatever happens; the application must not notice.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _reporter.Statistics.LastError = e.GetType().Name;
                await Task.Delay(TimeSpan.FromSeconds(1), _time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (!await FlushAsync(_reporter.Options.ShutdownTimeout).ConfigureAwait(false))
        {
            _logger.LogWarning("SelfHeal reporter: {Count} report(s) could not be sent before shutdown ({Error}).", _batch.Count + _reporter.Reader.Count, _reporter.Statistics.LastError);
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _http.Dispose();
        _sending.Dispose();
    }

    /// <summary>Sends one batch; false when it must be retried later.</summary>
    private async Task<bool> SendOnceAsync(CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (_batch.Count < _reporter.Options.BatchSize && _reporter.Reader.TryRead(out var next))
            {
                _batch.Add(next);
            }
            if (_batch.Count == 0)
            {
                return true;
            }
            HttpResponseMessage response;
            try
            {
                response = await _http.PostAsJsonAsync("api/v1/bugs/batch", new BatchRequest(_batch), ReporterJson.Default.BatchRequest, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                Failed(e is TaskCanceledException ? "timed out" : $"unreachable ({(e as HttpRequestException)?.HttpRequestError})");
                return false;
            }
            using (response)
            {
                if (response.IsSuccessStatusCode)
                {
                    var answer = await response.Content.ReadFromJsonAsync(ReporterJson.Default.BatchResponse, cancellationToken).ConfigureAwait(false);
                    _reporter.Statistics.AddSent(answer?.Accepted ?? _batch.Count);
                    _reporter.Statistics.AddRefused(answer?.Refused ?? 0);
                    if (answer?.Results.FirstOrDefault(r => r.Errors is { Count: > 0 })?.Errors is { } errors)
                    {
                        var why = string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
                        _reporter.Statistics.LastError = $"refused: {why}";
                        _logger.LogWarning("SelfHeal reporter: the server refused {Count} report(s): {Why}", answer.Refused, why);
                    }
                    _batch = [];
                    return true;
                }
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge)
                {
                    // Retrying cannot help: wrong key, wrong URL, or a batch the server will never take.
                    _logger.LogWarning("SelfHeal reporter: the server answered {Status}; {Count} report(s) dropped. Check SelfHeal:Endpoint and SelfHeal:ApiKey.", (int)response.StatusCode, _batch.Count);
                    _reporter.Statistics.AddDropped(_batch.Count);
                    _reporter.Statistics.LastError = $"HTTP {(int)response.StatusCode}";
                    _batch = [];
                    return true;
                }
                Failed($"HTTP {(int)response.StatusCode}");
                return false;
            }
        }
        finally
        {
            _sending.Release();
        }
    }

    private void Failed(string why)
    {
        _reporter.Statistics.AddFailedAttempt();
        _reporter.Statistics.LastError = why;
    }
}
