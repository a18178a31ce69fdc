using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using SelfHeal.Bugs;
using SelfHeal.Server.Auth;
using SelfHeal.Tests.Support;

namespace SelfHeal.Server.Tests;

/// <summary>
/// The real server in memory (<see cref="WebApplicationFactory{TEntryPoint}"/>) over its own SQLite file, with every
/// channel's secret set and a fake clock. Settings passed in override the defaults (an empty value switches one off).
/// </summary>
/// <param name="fakeClock">Whether the server runs on <see cref="Time"/>; <see langword="false"/> leaves it on the wall clock, which its job scheduler fires by.</param>
public sealed class ServerFactory(IReadOnlyDictionary<string, string?>? settings = null, bool fakeClock = true) : WebApplicationFactory<Program>
{
    public const string GitHubSecret = "gh-webhook-secret";
    public const string SlackSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    public const string JiraSecret = "jira-webhook-secret";
    public const string SentrySecret = "sentry-client-secret";
    public const string AlertmanagerToken = "am-token-0123456789";

    private readonly TempDirectory _folder = new("selfheal-server");

    public ServerFactory()
        : this(null)
    {
    }

    /// <summary>The server's clock; it starts at 2026-11-20 16:05 UTC.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 20, 16, 5, 0, TimeSpan.Zero));

    public string DatabasePath => _folder.Combine("selfheal.db");

    public IBugStore Bugs => Services.GetRequiredService<IBugStore>();

    /// <summary>A new API key with <paramref name="role"/>.</summary>
    public async Task<string> CreateKeyAsync(ApiKeyRole role) =>
        (await Services.GetRequiredService<IApiKeyStore>().CreateAsync($"test {role}", role)).Key;

    /// <summary>A client that sends <paramref name="key"/> as its bearer token.</summary>
    public HttpClient CreateClient(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var defaults = new Dictionary<string, string?>
        {
            ["SelfHeal:DatabasePath"] = DatabasePath,
            ["Channels:GitHub:Secret"] = GitHubSecret,
            ["Channels:GitHub:Repositories:0"] = "octo-org/shop",
            ["Channels:Slack:SigningSecret"] = SlackSecret,
            ["Channels:Jira:Secret"] = JiraSecret,
            ["Channels:Sentry:ClientSecret"] = SentrySecret,
            ["Channels:Alertmanager:BearerToken"] = AlertmanagerToken,
            ["Channels:Alertmanager:Username"] = "alertmanager",
            ["Channels:Alertmanager:Password"] = "s3cret-pass",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            defaults[key] = value;
        }
        foreach (var (key, value) in defaults)
        {
            builder.UseSetting(key, value);
        }
        if (fakeClock)
        {
            builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time)));
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _folder.Dispose();
        }
    }
}
