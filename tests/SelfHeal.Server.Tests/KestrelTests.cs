using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using SelfHeal.Tests.Support;

namespace SelfHeal.Server.Tests;

/// <summary>The server on real Kestrel, on a random loopback port, reached over TCP.</summary>
public sealed class KestrelTests : IAsyncLifetime
{
    private readonly TempDirectory _folder = new("selfheal-kestrel");
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _app = ServerApplication.Build([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration["SelfHeal:DatabasePath"] = _folder.Combine("selfheal.db");
            builder.Configuration["Channels:GitHub:Secret"] = ServerFactory.GitHubSecret;
            builder.Configuration["Limits:MaxWebhookBytes"] = "65536";
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task GitHubWebhook_OverTcp_IsStoredAndDurableInTheDatabaseFile()
    {
        var response = await _client.SendAsync(Deliveries.GitHub("issues", Deliveries.Payload("github/issues-opened.json"), "tcp-1"));
        var json = await Problem.JsonAsync(response, HttpStatusCode.Accepted);
        var bugId = json.GetProperty("bugs")[0].GetProperty("bugId").GetString()!;

        // A second store over the same file (as after a restart) sees the acknowledged report.
        var store = new SelfHeal.Bugs.Sqlite.SqliteBugStore(Microsoft.Extensions.Options.Options.Create(new SelfHeal.Runs.Sqlite.SqliteRunStoreOptions { DatabasePath = _folder.Combine("selfheal.db") }), TimeProvider.System);
        Assert.NotNull(await store.GetAsync(bugId));
    }

    [Fact]
    public async Task ChunkedBodyOverTheLimit_IsRefusedWhileStreaming()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/channels/github") { Content = new StreamContent(new UnseekableStream(new byte[200_000])) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;

        var detail = await Problem.AssertAsync(await _client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("65536 bytes", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_OverTcp_Answers()
    {
        var json = await Problem.JsonAsync(await _client.GetAsync("/health"), HttpStatusCode.OK);
        Assert.Equal("healthy", json.GetProperty("status").GetString());
    }

    /// <summary>A stream without a length, so the client must send it chunked.</summary>
    private sealed class UnseekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
