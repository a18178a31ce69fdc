using Microsoft.Extensions.Options;
using Octokit;
using Octokit.Internal;

namespace SelfHeal.Delivery.PullRequests.GitHub;

/// <summary>
/// The Octokit client SelfHeal talks to GitHub with, and the token behind it: the personal access token, or a GitHub
/// App installation token fetched with a signed JWT and cached until a minute before it expires. Thread-safe.
/// </summary>
internal sealed class GitHubConnection : ICredentialStore
{
    /// <summary>The name of the <see cref="System.Net.Http.HttpClient"/> handler pipeline GitHub calls go through.</summary>
    public const string HttpClientName = "selfheal.github";

    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(1);
    private readonly GitHubOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<HttpMessageHandler> _handler;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private AccessToken? _installationToken;

    public GitHubConnection(IOptions<GitHubOptions> options, TimeProvider time, IHttpMessageHandlerFactory? handlers = null)
    {
        _options = options.Value;
        _time = time;
        _handler = handlers is null ? HttpMessageHandlerFactory.CreateDefault : () => handlers.CreateHandler(HttpClientName);
        Client = CreateClient(this);
    }

    /// <summary>The client for the REST API, authenticated as the token or the App installation.</summary>
    public GitHubClient Client { get; }

    public GitHubOptions Options => _options;

    /// <summary>The token to push and call the API with: the personal access token or a fresh installation token.</summary>
    public async Task<string> GetTokenAsync(CancellationToken cancellationToken = default)
    {
        if (!_options.UsesApp)
        {
            return _options.Token ?? "";
        }
        if (_installationToken is { } cached && _time.GetUtcNow() < cached.ExpiresAt - RefreshMargin)
        {
            return cached.Token;
        }
        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_installationToken is { } again && _time.GetUtcNow() < again.ExpiresAt - RefreshMargin)
            {
                return again.Token;
            }
            var jwt = GitHubAppJwt.Create(_options.AppId!.Value, PrivateKey(), _time.GetUtcNow());
            var appClient = CreateClient(new InMemoryCredentialStore(new Credentials(jwt, AuthenticationType.Bearer)));
            try
            {
                _installationToken = await appClient.GitHubApps.CreateInstallationToken(_options.InstallationId!.Value).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (GitHubErrors.IsMappable(e, cancellationToken))
            {
                throw GitHubErrors.Map(e, $"get an installation token for GitHub App {_options.AppId} (installation {_options.InstallationId})", _time, [jwt]);
            }
            return _installationToken.Token;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>
    /// Runs one GraphQL call (for what the REST API cannot do, such as taking a pull request out of draft) and returns
    /// its <c>data</c>; GraphQL errors and HTTP failures become <see cref="PullRequestException"/>s.
    /// </summary>
    public async Task<System.Text.Json.JsonElement> GraphQlAsync(string query, object variables, string what, CancellationToken cancellationToken)
    {
        var token = await GetTokenAsync(cancellationToken).ConfigureAwait(false);
        var api = _options.ApiUrl.AbsoluteUri.EndsWith('/') ? _options.ApiUrl : new Uri(_options.ApiUrl.AbsoluteUri + "/");
        // github.com: https://api.github.com/graphql; GitHub Enterprise Server: https://HOST/api/graphql beside /api/v3/.
        var endpoint = new Uri(api, api.AbsolutePath.EndsWith("/v3/", StringComparison.Ordinal) ? "../graphql" : "graphql");
        using var http = new HttpClient(_handler(), disposeHandler: true) { Timeout = _options.Timeout };
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = System.Net.Http.Json.JsonContent.Create(new { query, variables }) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        request.Headers.UserAgent.Add(new System.Net.Http.Headers.ProductInfoHeaderValue("SelfHeal", "1.0"));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new PullRequestException(PullRequestFailure.Unavailable, $"GitHub could not be reached to {what} ({e.GetType().Name}); SelfHeal will try again later.", inner: e);
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var failure = (int)response.StatusCode switch
                {
                    401 or 403 => PullRequestFailure.Unauthorized,
                    404 => PullRequestFailure.NotFound,
                    429 => PullRequestFailure.RateLimited,
                    >= 500 => PullRequestFailure.Unavailable,
                    _ => PullRequestFailure.Rejected,
                };
                throw new PullRequestException(failure, $"GitHub refused to {what}: HTTP {(int)response.StatusCode}.");
            }
            using var document = System.Text.Json.JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == System.Text.Json.JsonValueKind.Array && errors.GetArrayLength() > 0)
            {
                var message = errors[0].TryGetProperty("message", out var m) ? m.GetString() : "an error";
                throw new PullRequestException(PullRequestFailure.Rejected, $"GitHub refused to {what}: {message}");
            }
            return document.RootElement.TryGetProperty("data", out var data) ? data.Clone() : default;
        }
    }

    /// <summary>Runs one API call, turning Octokit's failures into <see cref="PullRequestException"/>s that say what to do.</summary>
    public async Task<T> CallAsync<T>(Func<GitHubClient, Task<T>> call, string what, CancellationToken cancellationToken)
    {
        var token = await GetTokenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await call(Client).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (GitHubErrors.IsMappable(e, cancellationToken))
        {
            throw GitHubErrors.Map(e, what, _time, [token]);
        }
    }

    async Task<Credentials> ICredentialStore.GetCredentials() => new(await GetTokenAsync().ConfigureAwait(false));

    private string PrivateKey() =>
        !string.IsNullOrWhiteSpace(_options.PrivateKeyPem) ? _options.PrivateKeyPem : File.ReadAllText(_options.PrivateKeyPath!);

    private GitHubClient CreateClient(ICredentialStore credentials)
    {
        var baseUrl = _options.ApiUrl.AbsoluteUri.EndsWith('/') ? _options.ApiUrl : new Uri(_options.ApiUrl.AbsoluteUri + "/");
#pragma warning disable CA2000 // The adapter lives as long as the client, which lives as long as this singleton.
        var http = new HttpClientAdapter(_handler);
#pragma warning restore CA2000
        var connection = new Connection(new ProductHeaderValue("SelfHeal"), baseUrl, credentials, http, new SimpleJsonSerializer());
        var client = new GitHubClient(connection);
        client.SetRequestTimeout(_options.Timeout);
        return client;
    }
}
