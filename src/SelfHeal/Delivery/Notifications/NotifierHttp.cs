using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace SelfHeal.Delivery.Notifications;

/// <summary>
/// The HTTP plumbing the HTTP notifiers share: a named client per notifier with no request logging (URLs may hold
/// secrets: Slack's <c>response_url</c>, webhook URLs), retries with backoff that honour <c>Retry-After</c>, a timeout
/// per attempt, and failures turned into a <see cref="NotificationException"/> whose message is safe to log.
/// </summary>
internal static class NotifierHttp
{
    /// <summary>Registers the named client <paramref name="name"/> with retries and timeouts from <typeparamref name="TOptions"/>.</summary>
    /// <param name="retryPostWhenUnsure">
    /// Whether a POST is retried after a failure that leaves it unknown whether the server acted (a timeout, a 5xx other
    /// than 503). Off where a repeat would be seen (a second Jira comment): the caller checks and sends again later.
    /// </param>
    public static IHttpClientBuilder AddNotifierHttpClient<TOptions>(this IServiceCollection services, string name, bool retryPostWhenUnsure = true)
        where TOptions : NotifierOptions
    {
        var builder = services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            // A redirect would take the request (and its credentials) somewhere nobody configured.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        builder.AddResilienceHandler(name, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<TOptions>>().Value;
            var time = context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
            if (options.MaxRetries > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetries,
                    Delay = options.RetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = args => ValueTask.FromResult(
                        HttpClientResiliencePredicates.IsTransient(args.Outcome)
                        && !(args.Outcome.Result is { } response && RetryAfter(response, time.GetUtcNow()) > options.MaxRetryAfter)
                        && (retryPostWhenUnsure || args.Context.GetRequestMessage()?.Method != HttpMethod.Post || NotActedOn(args.Outcome))),
                });
            }
            pipeline.AddTimeout(options.AttemptTimeout);
        });
        return builder;
    }

    /// <summary>
    /// Sends <paramref name="request"/> and returns a successful response; anything else becomes a
    /// <see cref="NotificationException"/> naming <paramref name="service"/>, never the URL.
    /// </summary>
    /// <param name="showBody">Whether the error body may be quoted (an API's own error text); never for arbitrary endpoints.</param>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, string service, bool showBody, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException e)
        {
            throw new NotificationException($"{service} did not answer in time (each attempt may take {e.Timeout.TotalSeconds:0.###} s), after retries.", e);
        }
        catch (HttpRequestException e)
        {
            throw new NotificationException($"{service} could not be reached ({e.HttpRequestError}), after retries. Check the configured address and the network.", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NotificationException($"{service} did not answer in time, after retries.", e);
        }
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            throw new NotificationException(await DescribeAsync(response, service, showBody, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>Whether the failure shows that the server did not act on the request: refused, or never reached.</summary>
    private static bool NotActedOn(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result.StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable } => true,
        { Exception: HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } } => true,
        _ => false,
    };

    /// <summary>How long the server asks to wait (<c>Retry-After</c>, seconds or a date), or <see langword="null"/>.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => null,
        };

    private static async Task<string> DescribeAsync(HttpResponseMessage response, string service, bool showBody, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var text = new StringBuilder($"{service} answered {status} {response.ReasonPhrase}".TrimEnd());
        text.Append(response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => ": the credentials were refused; check the configured user and token.",
            HttpStatusCode.Forbidden => ": the account may not do this; check its permissions.",
            HttpStatusCode.NotFound => ": not found; check the address, and that the account can see the item.",
            HttpStatusCode.TooManyRequests when response.Headers.RetryAfter?.Delta is { } wait => $": rate limited, it asks to wait {wait.TotalSeconds:0} s.",
            HttpStatusCode.TooManyRequests => ": rate limited, after retries.",
            _ when status >= 500 => ": a server error, after retries.",
            _ when status is >= 300 and < 400 => ": a redirect, which is not followed; configure the final address.",
            _ => ".",
        });
        if (showBody)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var line = string.Join(' ', body.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
            if (line.Length > 0)
            {
                text.Append(" It said: ").Append(line.Length <= 300 ? line : line[..300] + "…");
            }
        }
        return text.ToString();
    }
}
