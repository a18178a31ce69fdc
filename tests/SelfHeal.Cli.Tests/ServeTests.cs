using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace SelfHeal.Cli.Tests;

/// <summary><c>selfheal serve</c> and <c>selfheal apikey</c> as a user runs them: real processes, real Kestrel on loopback.</summary>
public sealed partial class ServeTests : IDisposable
{
    private readonly CliProcess _cli = new();

    [Fact]
    public async Task Serve_OneCommand_ServesHealthAndTheApiWithAKeyFromApikeyCreate()
    {
        var created = await _cli.RunAsync("apikey", "create", "--role", "admin", "--db", _cli.DatabasePath);
        Assert.Equal(0, created.ExitCode);
        var key = created.Stdout.Trim();
        Assert.StartsWith("shk_", key, StringComparison.Ordinal);
        Assert.Contains("shown only now", created.Stderr, StringComparison.Ordinal);

        using var server = StartServe("--urls", "http://127.0.0.1:0", "--db", _cli.DatabasePath);
        var banner = await ReadUntilAsync(server, "Press Ctrl+C to stop.");
        var address = ListeningRegex.Match(banner).Groups[1].Value;
        Assert.Contains($"selfheal apikey create --role admin --db {_cli.DatabasePath}", banner, StringComparison.Ordinal);

        using var http = new HttpClient { BaseAddress = new Uri(address) };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/ready")).StatusCode);
        http.DefaultRequestHeaders.Authorization = new("Bearer", key);
        var submitted = await http.PostAsJsonAsync("/api/v1/bugs", new { title = "Served end to end" });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        Assert.Contains("Served end to end", await http.GetStringAsync("/api/v1/bugs"), StringComparison.Ordinal);

        server.Kill(entireProcessTree: true);
    }

    [Fact]
    public async Task Serve_KilledDuringLoad_EveryAcknowledgedReportIsThereAfterRestart()
    {
        var key = (await _cli.RunAsync("apikey", "create", "--role", "reporter", "--db", _cli.DatabasePath)).Stdout.Trim();
        var environment = new Dictionary<string, string?> { ["Limits__RequestsPerWindow"] = "100000" };
        using var server = StartServe(environment, "--urls", "http://127.0.0.1:0", "--db", _cli.DatabasePath);
        var address = ListeningRegex.Match(await ReadUntilAsync(server, "Press Ctrl+C to stop.")).Groups[1].Value;

        // Eight clients submit distinct reports as fast as they can; the server is killed (SIGKILL) once 150 are acknowledged.
        var acknowledged = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, 8).Select(client => Task.Run(async () =>
        {
            using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Authorization = new("Bearer", key);
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var idempotencyKey = $"c{client}-r{i}";
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bugs")
                {
                    Content = JsonContent.Create(new { title = $"Crash {idempotencyKey} in module {i % 17}", stackTrace = $"System.InvalidOperationException: state {i}\n   at Shop.Module{client}.Step{i % 13}() in /src/Shop/Module{client}.cs:line {i % 97 + 1}" }),
                };
                request.Headers.Add("Idempotency-Key", idempotencyKey);
                try
                {
                    using var response = await http.SendAsync(request);
                    if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                    {
                        var answer = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
                        acknowledged[idempotencyKey] = answer.GetProperty("bugId").GetString()!;
                    }
                }
                catch (HttpRequestException)
                {
                    return; // The server is gone: what was not acknowledged is not promised.
                }
                catch (TaskCanceledException)
                {
                    return;
                }
            }
        })).ToList();
        while (acknowledged.Count < 150 && !server.HasExited)
        {
            await Task.Delay(10);
        }
        server.Kill(entireProcessTree: true);
        await server.WaitForExitAsync();
        await stop.CancelAsync();
        await Task.WhenAll(clients);
        Assert.True(acknowledged.Count >= 150, $"only {acknowledged.Count} reports were acknowledged before the server ended");

        using var restarted = StartServe(environment, "--urls", "http://127.0.0.1:0", "--db", _cli.DatabasePath);
        var again = ListeningRegex.Match(await ReadUntilAsync(restarted, "Press Ctrl+C to stop.")).Groups[1].Value;
        using var check = new HttpClient { BaseAddress = new Uri(again) };
        check.DefaultRequestHeaders.Authorization = new("Bearer", key);
        var missing = new List<string>();
        foreach (var (idempotencyKey, bugId) in acknowledged)
        {
            // Sending an acknowledged report again with its key must find it stored: a duplicate, on the same bug.
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bugs") { Content = JsonContent.Create(new { title = $"Crash {idempotencyKey} resent" }) };
            request.Headers.Add("Idempotency-Key", idempotencyKey);
            using var response = await check.SendAsync(request);
            var answer = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            if (answer.GetProperty("outcome").GetString() != "duplicate" || answer.GetProperty("bugId").GetString() != bugId)
            {
                missing.Add(idempotencyKey);
            }
        }
        restarted.Kill(entireProcessTree: true);

        Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged reports were lost: {string.Join(", ", missing.Take(10))}");
    }

    [Fact]
    public async Task Serve_AddressInUse_SaysSoAndExits2()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var result = await _cli.RunAsync(["serve", "--urls", $"http://127.0.0.1:{port}", "--db", _cli.DatabasePath], null, TimeSpan.FromMinutes(2));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot start", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_DatabaseUnderAFile_SaysSoAndExits2()
    {
        var file = Path.Combine(_cli.Home, "a-file");
        await File.WriteAllTextAsync(file, "x");

        var result = await _cli.RunAsync(["serve", "--urls", "http://127.0.0.1:0", "--db", Path.Combine(file, "selfheal.db")], null, TimeSpan.FromMinutes(2));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("The database cannot be opened", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apikey_UnknownRole_Exits2()
    {
        var result = await _cli.RunAsync("apikey", "create", "--role", "root", "--db", _cli.DatabasePath);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("root", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apikey_ListAndRevoke_NeverShowTheKey()
    {
        var key = (await _cli.RunAsync("apikey", "create", "--role", "viewer", "--name", "dashboard", "--db", _cli.DatabasePath)).Stdout.Trim();
        var id = key.Split('_')[1];

        var list = await _cli.RunAsync("apikey", "list", "--db", _cli.DatabasePath);
        Assert.Contains(id, list.Stdout, StringComparison.Ordinal);
        Assert.Contains("dashboard", list.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(key, list.Output, StringComparison.Ordinal);

        Assert.Equal(0, (await _cli.RunAsync("apikey", "revoke", id, "--db", _cli.DatabasePath)).ExitCode);
        Assert.Equal(2, (await _cli.RunAsync("apikey", "revoke", id, "--db", _cli.DatabasePath)).ExitCode);
        Assert.Contains("No API keys yet", (await _cli.RunAsync("apikey", "list", "--db", _cli.DatabasePath)).Stdout, StringComparison.Ordinal);
    }

    private Process StartServe(params string[] args) => StartServe(new Dictionary<string, string?>(), args);

    private Process StartServe(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SelfHeal.Cli.dll"));
        info.ArgumentList.Add("serve");
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["SELFHEAL_HOME"] = _cli.Home;
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        return Process.Start(info)!;
    }

    /// <summary>Stdout up to the line containing <paramref name="marker"/>; fails with what was printed if the process ends first.</summary>
    private static async Task<string> ReadUntilAsync(Process process, string marker)
    {
        var text = new System.Text.StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            text.AppendLine(line);
            if (line.Contains(marker, StringComparison.Ordinal))
            {
                return text.ToString();
            }
        }
        Assert.Fail($"serve ended before '{marker}': {text}{await process.StandardError.ReadToEndAsync()}");
        return "";
    }

    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningRegex { get; }

    public void Dispose() => _cli.Dispose();
}
