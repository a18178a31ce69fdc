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
