using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace SelfHeal.Delivery.PullRequests.GitLab;

/// <summary>
/// GitLab's REST v4 API over the named <see cref="HttpClient"/> <see cref="HttpClientName"/>: JSON in and out, and every
/// failure turned into a <see cref="PullRequestException"/> that says what to do and never holds the token.
/// </summary>
internal sealed class GitLabApi(IHttpClientFactory clients, IOptions<GitLabOptions> options, TimeProvider time)
{
    public const string HttpClientName = "selfheal.gitlab";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public GitLabOptions Options => options.Value;

    /// <summary>The project's path segment: a numeric id, or the URL-encoded <c>group/name</c>.</summary>
    public string ProjectSegment => Uri.EscapeDataString(Options.Project ?? "");

    public Task<T> GetAsync<T>(string path, string what, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Get, path, null, what, cancellationToken);

    public async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, string what, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("PRIVATE-TOKEN", Options.Token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }
        var client = clients.CreateClient(HttpClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PullRequestException(PullRequestFailure.Unavailable, $"GitLab did not answer in time when SelfHeal tried to {what}. SelfHeal will try again later (delivery.gitlab.timeout sets the limit).", inner: e);
        }
        catch (HttpRequestException e)
        {
            throw new PullRequestException(PullRequestFailure.Unavailable, Redact($"GitLab could not be reached when SelfHeal tried to {what}: {e.Message}. SelfHeal will try again later."), inner: e);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await FailureAsync(response, what, cancellationToken).ConfigureAwait(false);
            }
            try
            {
                return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken).ConfigureAwait(false)
                    ?? throw new JsonException("empty body");
            }
            catch (JsonException e)
            {
                throw new PullRequestException(PullRequestFailure.Unavailable, $"GitLab's answer when SelfHeal tried to {what} was not the JSON it expects ({e.Message}). Check delivery.gitlab.apiUrl points at /api/v4/.", inner: e);
            }
        }
    }

    private async Task<PullRequestException> FailureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var detail = Redact(Detail(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)) ?? response.ReasonPhrase ?? $"HTTP {status}");
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new(PullRequestFailure.Unauthorized, $"GitLab refused SelfHeal's token (401) when it tried to {what}: {detail}. Check delivery.gitlab.token (scopes api and write_repository) and that it has not expired."),
            HttpStatusCode.Forbidden => new(PullRequestFailure.Unauthorized, $"GitLab refused SelfHeal (403) when it tried to {what}: {detail}. The token needs the Developer role (Maintainer to merge into a protected branch) on {Options.Project}."),
            HttpStatusCode.NotFound => new(PullRequestFailure.NotFound, $"GitLab answered 404 when SelfHeal tried to {what}: {detail}. Check delivery.gitlab.project and that the token can see it."),
            HttpStatusCode.TooManyRequests => new(PullRequestFailure.RateLimited, $"GitLab's rate limit was hit when SelfHeal tried to {what}: {detail}.", RetryAt(response)),
            >= HttpStatusCode.InternalServerError => new(PullRequestFailure.Unavailable, $"GitLab failed ({status}) when SelfHeal tried to {what}: {detail}. SelfHeal will try again later."),
            _ => new(PullRequestFailure.Rejected, $"GitLab rejected ({status}) SelfHeal's attempt to {what}: {detail}."),
        };
    }

    /// <summary>When to try again: <c>Retry-After</c> (seconds or a date), else <c>RateLimit-Reset</c> (epoch seconds).</summary>
    private DateTimeOffset? RetryAt(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            return retryAfter.Date ?? (retryAfter.Delta is { } delta ? time.GetUtcNow() + delta : null);
        }
        return response.Headers.TryGetValues("RateLimit-Reset", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
            ? DateTimeOffset.FromUnixTimeSeconds(epoch)
            : null;
    }

    /// <summary>GitLab's error text: <c>message</c> (a string, a list, or field → messages), or <c>error</c> and <c>error_description</c>.</summary>
    private static string? Detail(string body)
    {
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
        if (json is not JsonObject root)
        {
            return null;
        }
        var parts = new List<string>();
        Flatten(root["message"], null, parts);
        Flatten(root["error"], null, parts);
        Flatten(root["error_description"], null, parts);
        var detail = string.Join("; ", parts);
        return detail.Length == 0 ? null : detail.Length > 500 ? detail[..500] + "…" : detail;
    }

    private static void Flatten(JsonNode? node, string? field, List<string> parts)
    {
        switch (node)
        {
            case JsonValue value:
                parts.Add(field is null ? value.ToString() : $"{field} {value}");
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Flatten(item, field, parts);
                }
                break;
            case JsonObject obj:
                foreach (var (key, item) in obj)
                {
                    Flatten(item, key, parts);
                }
                break;
        }
    }

    private string Redact(string text) =>
        Options.Token is { Length: >= 4 } token ? text.Replace(token, "***", StringComparison.Ordinal) : text;
}
