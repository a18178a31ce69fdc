using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SelfHeal.Bugs;
using SelfHeal.Reporter;
using SelfHeal.Server.Auth;
using SelfHeal.Tests.Support;

namespace SelfHeal.Server.Tests.Reporter;

/// <summary>
/// SelfHeal.Reporter in an application, reporting to the real server over TCP: logged exceptions arrive with their
/// traces, repeats are suppressed, secrets are masked, and while the server is down memory stays bounded and nothing throws.
/// </summary>
public sealed class ReporterTests : IAsyncLifetime
{
    private readonly TempDirectory _folder = new("selfheal-reporter");
    private readonly List<WebApplication> _servers = [];
    private readonly List<IHost> _apps = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.StopAsync();
            await server.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task LoggedException_ArrivesWithItsTrace_AndTheSameCrashAgainIsAnOccurrence()
    {
        var (server, address) = await StartServerAsync();
        var key = await KeyAsync(server, ApiKeyRole.Reporter);
        using var app = await StartAppAsync(address, key, o => o.DuplicateWindow = TimeSpan.Zero);
        var logger = app.Services.GetRequiredService<ILogger<ReporterTests>>();

        logger.LogError(Throw(() => Checkout.Total([])), "Checkout failed for order {Order}", 42);
        var bugs = server.Services.GetRequiredService<IBugStore>();
        var bug = await EventuallyAsync(async () => (await bugs.ListAsync(new BugQuery())).SingleOrDefault());
        logger.LogError(Throw(() => Checkout.Total([])), "Checkout failed for order {Order}", 43);
        await EventuallyAsync(async () => (await bugs.ListAsync(new BugQuery())).SingleOrDefault(b => b.OccurrenceCount == 2));

        Assert.Equal("InvalidOperationException: An order needs at least one line.", bug.Title);
        Assert.Equal(["reporter"], bug.Sources);
        var details = (await bugs.GetAsync(bug.Id))!;
        Assert.Contains("at SelfHeal.Server.Tests.Reporter.ReporterTests.Checkout.Total", details.FirstReport.StackTrace, StringComparison.Ordinal);
        Assert.Contains("Checkout failed for order 42", details.FirstReport.Log, StringComparison.Ordinal);
        Assert.Equal("octo/shop", details.FirstReport.Repository);
        Assert.Equal("logged", details.FirstReport.Environment["captured"]);
        Assert.NotNull(bug.Fingerprint);
    }

    [Fact]
    public async Task RepeatsWithinTheWindow_AreCountedNotSent()
    {
        var (server, address) = await StartServerAsync();
        var key = await KeyAsync(server, ApiKeyRole.Reporter);
        using var app = await StartAppAsync(address, key);
        var reporter = app.Services.GetRequiredService<SelfHealReporter>();

        for (var i = 0; i < 50; i++)
        {
            reporter.Report(Throw(() => Checkout.Total([])));
        }
        await EventuallyAsync(() => Task.FromResult(reporter.Statistics.Sent == 1 ? (object)true : null));

        Assert.Equal(1, reporter.Statistics.Captured);
        Assert.Equal(49, reporter.Statistics.Suppressed);
    }

    [Fact]
    public async Task SecretsInTheMessage_AreMaskedBeforeTheyLeave()
    {
        var (server, address) = await StartServerAsync();
        var key = await KeyAsync(server, ApiKeyRole.Reporter);
        using var app = await StartAppAsync(address, key);

        app.Services.GetRequiredService<SelfHealReporter>().Report(new InvalidOperationException("Cannot open Host=db;Username=app;Password=hunter2;Pooling=true via https://deploy:s3cr3t@git.example.com/x with Bearer abcdefghijklmnop"));
        var bugs = server.Services.GetRequiredService<IBugStore>();
        var bug = await EventuallyAsync(async () => (await bugs.ListAsync(new BugQuery())).SingleOrDefault());
        var details = (await bugs.GetAsync(bug.Id))!;

        foreach (var text in new[] { bug.Title, details.FirstReport.StackTrace! })
        {
            Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cr3t", text, StringComparison.Ordinal);
            Assert.DoesNotContain("abcdefghijklmnop", text, StringComparison.Ordinal);
        }
        Assert.Contains("Password=***", bug.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerDown_QueueStaysBoundedAndNothingThrows()
    {
        var port = FreePort();
        var address = $"http://127.0.0.1:{port}/";
        using var app = await StartAppAsync(address, "shk_pending_key_for_a_server_not_yet_up", o =>
        {
            o.DuplicateWindow = TimeSpan.Zero;
            o.MaxQueuedReports = 5;
            o.BatchSize = 5;
            o.MaxBackoff = TimeSpan.FromMilliseconds(200);
        });
        var reporter = app.Services.GetRequiredService<SelfHealReporter>();

        for (var i = 0; i < 40; i++)
        {
            Assert.True(reporter.Report(new InvalidOperationException($"failure number {i}")));
        }
        await EventuallyAsync(() => Task.FromResult(reporter.Statistics.FailedAttempts > 0 ? (object)true : null));

        Assert.Equal(40, reporter.Statistics.Captured);
        Assert.True(reporter.Queued <= 5, $"{reporter.Queued} queued");
        Assert.True(reporter.Statistics.Dropped >= 30, $"{reporter.Statistics.Dropped} dropped");
        Assert.True(40 - reporter.Statistics.Dropped <= 10, "at most the queue and one batch are kept");
    }

    [Fact]
    public async Task ServerComesBack_QueuedReportsAreDeliveredOnceEach()
    {
        var port = FreePort();
        var address = $"http://127.0.0.1:{port}/";
        // The key is created in a database the server will open later, so the application can hold it from the start.
        var database = _folder.Combine($"down-{port}.db");
        var key = await PrecreateKeyAsync(database);
        using var app = await StartAppAsync(address, key, o =>
        {
            o.DuplicateWindow = TimeSpan.Zero;
            o.MaxBackoff = TimeSpan.FromMilliseconds(300);
        });
        var reporter = app.Services.GetRequiredService<SelfHealReporter>();
        for (var i = 0; i < 12; i++)
        {
            reporter.Report(new InvalidOperationException($"distinct failure {i} while the server is down"));
        }
        await EventuallyAsync(() => Task.FromResult(reporter.Statistics.FailedAttempts > 0 ? (object)true : null));

        var (server, _) = await StartServerAsync(port, database);
        var bugs = server.Services.GetRequiredService<IBugStore>();
        await EventuallyAsync(() => Task.FromResult(reporter.Statistics.Sent == 12 ? (object)true : null));

        Assert.Equal(0, reporter.Statistics.Dropped);
        Assert.Equal(12, (await bugs.ListAsync(new BugQuery { Limit = 100 })).Sum(b => b.OccurrenceCount));
    }

    [Fact]
    public async Task WrongKey_ReportsAreDroppedWithAReason_AndTheAppIsUnaffected()
    {
        var (_, address) = await StartServerAsync();
        using var app = await StartAppAsync(address, "shk_not_a_real_key");
        var reporter = app.Services.GetRequiredService<SelfHealReporter>();

        reporter.Report(new InvalidOperationException("nobody will see this"));
        await EventuallyAsync(() => Task.FromResult(reporter.Statistics.Dropped == 1 ? (object)true : null));

        Assert.Equal("HTTP 401", reporter.Statistics.LastError);
        Assert.Equal(0, reporter.Statistics.Sent);
    }

    private async Task<(WebApplication Server, string Address)> StartServerAsync(int port = 0, string? database = null)
    {
        var app = ServerApplication.Build([], builder =>
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            builder.Configuration["SelfHeal:DatabasePath"] = database ?? _folder.Combine($"selfheal-{Guid.NewGuid():N}.db");
        });
        await app.StartAsync();
        _servers.Add(app);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return (app, address + "/");
    }

    private async Task<string> PrecreateKeyAsync(string database)
    {
        var (server, _) = await StartServerAsync(0, database);
        var key = await KeyAsync(server, ApiKeyRole.Reporter);
        await server.StopAsync();
        await server.DisposeAsync();
        _servers.Remove(server);
        return key;
    }

    private static async Task<string> KeyAsync(WebApplication server, ApiKeyRole role) =>
        (await server.Services.GetRequiredService<IApiKeyStore>().CreateAsync("app", role)).Key;

    private static string Describe(ReporterStatistics s) =>
        $"captured {s.Captured}, sent {s.Sent}, refused {s.Refused}, dropped {s.Dropped}, failed attempts {s.FailedAttempts}, last error {s.LastError ?? "none"}";

    private async Task<IHost> StartAppAsync(string address, string key, Action<SelfHealReporterOptions>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSelfHealReporter(o =>
        {
            o.Endpoint = new Uri(address);
            o.ApiKey = key;
            o.Repository = "octo/shop";
            o.FlushInterval = TimeSpan.FromMilliseconds(50);
            configure?.Invoke(o);
        });
        var host = builder.Build();
        await host.StartAsync();
        _apps.Add(host);
        return host;
    }

    /// <summary>Waits for something asynchronous to happen (not a timing assertion: the limit only stops a hung test).</summary>
    private async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the reporter did not deliver within 60 s; {string.Join("; ", _apps.Select(a => Describe(a.Services.GetRequiredService<SelfHealReporter>().Statistics)))}");
            await Task.Delay(50);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Exception Throw(Action action)
    {
        try
        {
            action();
        }
#pragma warning disable CA1031 // The test captures whatever the code under test throws.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return e;
        }
        throw new InvalidOperationException("expected an exception");
    }

    private static class Checkout
    {
        public static decimal Total(IReadOnlyList<decimal> lines) =>
            lines.Count == 0 ? throw new InvalidOperationException("An order needs at least one line.") : lines.Sum();
    }
}
