using System.Net;
using Microsoft.Extensions.AI;
using SelfHeal.Llm.Providers;
using SelfHeal.Security;

namespace SelfHeal.Llm.Decorators;

/// <summary>
/// Retries a model call after a 429, a 5xx, a 408, a timeout, a lost connection or a malformed response, with
/// exponential backoff from <see cref="LlmOptions.RetryBaseDelay"/>; a <c>Retry-After</c> the server sent wins,
/// capped at <see cref="LlmOptions.MaxRetryDelay"/>. Each attempt is bounded by <see cref="LlmOptions.RequestTimeout"/>.
/// Any other failure, or the last retry's, becomes a <see cref="ModelCallFailedException"/> that names the model and
/// the cause. Streaming calls are retried only until their first update. Thread-safe.
/// </summary>
internal sealed class RetryingChatClient(IChatClient inner, ModelSpec model, LlmOptions settings, TimeProvider timeProvider) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        for (var attempt = 1; ; attempt++)
        {
            using var opened = ProviderCallScope.Open();
            using var timeout = new CancellationTokenSource(settings.RequestTimeout, timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            string failure;
            try
            {
                return await base.GetResponseAsync(list, options, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"no answer within {Describe(settings.RequestTimeout)}";
            }
            catch (Exception ex) when (ex is not OperationCanceledException && ex is not BudgetExceededException)
            {
                if (!IsTransient(ex, opened.Scope.LastStatus))
                {
                    throw new ModelCallFailedException($"{model} refused the call: {Describe(ex, opened.Scope.LastStatus)}", ex);
                }
                failure = Describe(ex, opened.Scope.LastStatus);
            }
            if (attempt > settings.MaxRetries)
            {
                throw new ModelCallFailedException($"{model} failed {attempt} time(s); last: {failure}");
            }
            await Task.Delay(DelayBefore(attempt, opened.Scope.RetryAfter), timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        for (var attempt = 1; ; attempt++)
        {
            var opened = ProviderCallScope.Open();
            IAsyncEnumerator<ChatResponseUpdate>? stream = null;
            ChatResponseUpdate? first = null;
            string? failure = null;
            try
            {
                stream = base.GetStreamingResponseAsync(list, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
                if (await stream.MoveNextAsync().ConfigureAwait(false))
                {
                    first = stream.Current;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException && ex is not BudgetExceededException)
            {
                if (!IsTransient(ex, opened.Scope.LastStatus))
                {
                    throw new ModelCallFailedException($"{model} refused the call: {Describe(ex, opened.Scope.LastStatus)}", ex);
                }
                failure = Describe(ex, opened.Scope.LastStatus);
            }
            finally
            {
                opened.Dispose();
            }
            if (failure is null)
            {
                await using (stream!)
                {
                    // Once parts of the answer went out, the call cannot be retried behind the caller's back: a stream that
                    // breaks off, or ends without saying why it finished, is a failed call with a clear message.
                    var parts = 0;
                    var finished = first?.FinishReason is not null;
                    var current = first;
                    while (current is not null)
                    {
                        parts++;
                        yield return current;
                        Exception? broke = null;
                        var more = false;
                        try
                        {
                            more = await stream!.MoveNextAsync().ConfigureAwait(false);
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException && ex is not BudgetExceededException)
                        {
                            broke = ex;
                        }
                        if (broke is not null)
                        {
                            throw new ModelCallFailedException($"{model}'s streamed answer broke off after {parts} part(s) ({broke.GetType().Name}); the partial answer must not be used.", broke);
                        }
                        current = more ? stream!.Current : null;
                        finished |= current?.FinishReason is not null;
                    }
                    if (parts > 0 && !finished)
                    {
                        throw new ModelCallFailedException($"{model}'s streamed answer ended after {parts} part(s) without a finish reason: it was cut off, and the partial answer must not be used.");
                    }
                }
                yield break;
            }
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
            if (attempt > settings.MaxRetries)
            {
                throw new ModelCallFailedException($"{model} failed {attempt} time(s); last: {failure}");
            }
            await Task.Delay(DelayBefore(attempt, opened.Scope.RetryAfter), timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The server's <c>Retry-After</c> when it sent one, else base × 2^(attempt-1); both capped.</summary>
    internal TimeSpan DelayBefore(int attempt, TimeSpan? retryAfter)
    {
        var backoff = settings.RetryBaseDelay * Math.Pow(2, Math.Min(attempt - 1, 16));
        var delay = retryAfter ?? backoff;
        return delay > settings.MaxRetryDelay ? settings.MaxRetryDelay : delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }

    /// <summary>A 4xx other than 408 and 429 is the caller's fault and is not retried; so is a failure before any request was sent.</summary>
    internal static bool IsTransient(Exception ex, HttpStatusCode? status) => status switch
    {
        HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout => true,
        >= HttpStatusCode.InternalServerError => true,
        >= HttpStatusCode.BadRequest => false,
        // A 2xx whose body could not be read: truncated or malformed.
        not null => true,
        null => IsConnectionFailure(ex),
    };

    private static bool IsConnectionFailure(Exception ex)
    {
        for (var e = (Exception?)ex; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException or IOException or TimeoutException || e.GetType().Name.EndsWith("IOException", StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private static string Describe(Exception ex, HttpStatusCode? status)
    {
        var what = status is { } s && (int)s >= 400 ? $"HTTP {(int)s} {s}" : status is not null ? "a malformed or truncated response" : "no connection";
        var detail = ex.Message.Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? ex.GetType().Name;
        detail = detail.Length > 300 ? detail[..300] + "…" : detail;
        return SecretRedactor.Instance.Redact($"{what} ({ex.GetType().Name}: {detail})");
    }

    private static string Describe(TimeSpan duration) => duration.TotalSeconds >= 1 ? $"{duration.TotalSeconds:0.#} s" : $"{duration.TotalMilliseconds:0} ms";
}
