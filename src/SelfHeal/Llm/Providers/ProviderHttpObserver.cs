using System.Globalization;

namespace SelfHeal.Llm.Providers;

/// <summary>
/// Sits under a vendor SDK's HTTP client and tells the current <see cref="ProviderCallScope"/> each response's
/// status and <c>Retry-After</c> (seconds or an HTTP date). It never reads or logs request headers.
/// </summary>
internal sealed class ProviderHttpObserver(TimeProvider timeProvider) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        ProviderCallScope.Current?.Observe(response.StatusCode, RetryAfter(response));
        return response;
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is { } header)
        {
            if (header.Delta is { } delta)
            {
                return delta;
            }
            if (header.Date is { } date)
            {
                return date - timeProvider.GetUtcNow();
            }
        }
        // OpenAI-compatible servers also send retry-after-ms.
        return response.Headers.TryGetValues("retry-after-ms", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0
            ? TimeSpan.FromMilliseconds(ms)
            : null;
    }
}
