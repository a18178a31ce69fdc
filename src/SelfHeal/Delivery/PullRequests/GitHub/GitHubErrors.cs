using System.Globalization;
using System.Net;
using Octokit;

namespace SelfHeal.Delivery.PullRequests.GitHub;

/// <summary>Turns Octokit's exceptions into <see cref="PullRequestException"/>s whose messages say what to do and never hold a token.</summary>
internal static class GitHubErrors
{
    /// <summary>Whether <paramref name="e"/> is a GitHub or network failure (and not the caller's own cancellation).</summary>
    public static bool IsMappable(Exception e, CancellationToken cancellationToken) => e switch
    {
        ApiException or HttpRequestException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    public static PullRequestException Map(Exception e, string what, TimeProvider time, IReadOnlyList<string> secrets)
    {
        var failure = e switch
        {
            RateLimitExceededException limit => new PullRequestException(PullRequestFailure.RateLimited,
                $"GitHub's rate limit was hit while SelfHeal tried to {what}; it resets at {limit.Reset:u}.", limit.Reset, e),
            SecondaryRateLimitExceededException secondary => new PullRequestException(PullRequestFailure.RateLimited,
                $"GitHub's secondary rate limit was hit while SelfHeal tried to {what}: {Detail(secondary)}. SelfHeal will try again later.", RetryAt(secondary.HttpResponse, time), e),
            ApiException api when IsRateLimit(api) => new PullRequestException(PullRequestFailure.RateLimited,
                $"GitHub's rate limit was hit while SelfHeal tried to {what}: {Detail(api)}.", RetryAt(api.HttpResponse, time), e),
            AuthorizationException or ForbiddenException => new PullRequestException(PullRequestFailure.Unauthorized,
                $"GitHub refused SelfHeal's credentials ({(int)((ApiException)e).StatusCode}) when it tried to {what}: {Detail((ApiException)e)}. Check delivery.github.token (or the GitHub App's id, key and installation) and its access to the repository.", inner: e),
            NotFoundException notFound => new PullRequestException(PullRequestFailure.NotFound,
                $"GitHub answered 404 when SelfHeal tried to {what}: {Detail(notFound)}. Check delivery.github.repository and that the credentials can see it.", inner: e),
            ApiValidationException invalid => new PullRequestException(PullRequestFailure.Rejected,
                $"GitHub rejected SelfHeal's attempt to {what}: {Detail(invalid)}.", inner: e),
            ApiException { StatusCode: >= HttpStatusCode.InternalServerError } server => new PullRequestException(PullRequestFailure.Unavailable,
                $"GitHub failed ({(int)server.StatusCode}) when SelfHeal tried to {what}: {Detail(server)}. SelfHeal will try again later.", inner: e),
            ApiException other => new PullRequestException(PullRequestFailure.Rejected,
                $"GitHub answered {(int)other.StatusCode} when SelfHeal tried to {what}: {Detail(other)}.", inner: e),
            OperationCanceledException => new PullRequestException(PullRequestFailure.Unavailable,
                $"GitHub did not answer in time when SelfHeal tried to {what}. SelfHeal will try again later (delivery.github.timeout sets the limit).", inner: e),
            _ => new PullRequestException(PullRequestFailure.Unavailable,
                $"GitHub could not be reached when SelfHeal tried to {what}: {e.Message}. SelfHeal will try again later.", inner: e),
        };
        var message = Redact(failure.Message, secrets);
        return message == failure.Message ? failure : new PullRequestException(failure.Failure, message, failure.RetryAt, failure.InnerException);
    }

    /// <summary>GitHub's message and each validation error's message, joined.</summary>
    public static string Detail(ApiException e)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(e.ApiError?.Message))
        {
            parts.Add(e.ApiError.Message.Trim());
        }
        foreach (var error in e.ApiError?.Errors ?? [])
        {
            var text = !string.IsNullOrWhiteSpace(error.Message) ? error.Message : string.Join(' ', new[] { error.Resource, error.Field, error.Code }.Where(s => !string.IsNullOrEmpty(s)));
            if (!string.IsNullOrWhiteSpace(text))
            {
                parts.Add(text.Trim());
            }
        }
        var detail = parts.Count > 0 ? string.Join("; ", parts) : $"HTTP {(int)e.StatusCode}";
        return detail.Length > 500 ? detail[..500] + "…" : detail;
    }

    private static bool IsRateLimit(ApiException e) =>
        (e.StatusCode == HttpStatusCode.TooManyRequests)
        || (e.StatusCode == HttpStatusCode.Forbidden && (Header(e.HttpResponse, "x-ratelimit-remaining") == "0" || Header(e.HttpResponse, "retry-after") is not null));

    /// <summary>When to try again: <c>Retry-After</c> (seconds), else <c>x-ratelimit-reset</c> (epoch seconds).</summary>
    internal static DateTimeOffset? RetryAt(IResponse? response, TimeProvider time)
    {
        if (long.TryParse(Header(response, "retry-after"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return time.GetUtcNow().AddSeconds(seconds);
        }
        return long.TryParse(Header(response, "x-ratelimit-reset"), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
            ? DateTimeOffset.FromUnixTimeSeconds(epoch)
            : null;
    }

    private static string? Header(IResponse? response, string name) =>
        response?.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static string Redact(string text, IReadOnlyList<string> secrets)
    {
        foreach (var secret in secrets)
        {
            if (secret.Length >= 4)
            {
                text = text.Replace(secret, "***", StringComparison.Ordinal);
            }
        }
        return text;
    }
}
