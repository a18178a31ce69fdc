using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace SelfHeal.Tests.Support;

/// <summary>One request a fake forge received.</summary>
public sealed record FakeForgeRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name);

    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);

    /// <summary>A query parameter, unescaped.</summary>
    public string? QueryValue(string name) =>
        Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => Uri.UnescapeDataString(p[0]) == name)
            .Select(p => p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : "")
            .FirstOrDefault();
}

/// <summary>An answer: status, JSON body, headers.</summary>
public sealed record FakeForgeResponse(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static FakeForgeResponse Json(int status, JsonNode body, IReadOnlyDictionary<string, string>? headers = null) => new(status, body.ToJsonString(), headers);
}

/// <summary>
/// A forge's REST API on 127.0.0.1 (random port): each request goes to the subclass's router, unless a scripted
/// failure for its method and path comes first (or a hang, for timeouts). Every request is recorded.
/// </summary>
public abstract class FakeForgeServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<FakeForgeRequest> _requests = new();
    private readonly List<(string Method, string PathContains, FakeForgeResponse? Response, int Remaining)> _scripted = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _disposed;

    protected FakeForgeServer()
    {
        for (var attempt = 0; ; attempt++)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            try
            {
                _listener.Prefixes.Clear();
                _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    public IReadOnlyList<FakeForgeRequest> Requests => [.. _requests];

    public int Count(string method, string pathContains) => Requests.Count(r => r.Method == method && r.Path.Contains(pathContains, StringComparison.Ordinal));

    /// <summary>Answers the next <paramref name="times"/> matching requests with <paramref name="response"/> instead of the router.</summary>
    public void Script(string method, string pathContains, FakeForgeResponse response, int times = 1)
    {
        lock (_scripted)
        {
            _scripted.Add((method, pathContains, response, times));
        }
    }

    /// <summary>Never answers matching requests (until disposed): a forge that hangs.</summary>
    public void Hang(string method, string pathContains)
    {
        lock (_scripted)
        {
            _scripted.Add((method, pathContains, null, int.MaxValue));
        }
    }

    protected abstract FakeForgeResponse Route(FakeForgeRequest request);

    /// <summary>The commit <paramref name="branch"/> points at in the bare repository, or null when it has no such branch.</summary>
    protected static string? BranchCommit(string bareRepository, string branch)
    {
        using var git = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", ["--git-dir", bareRepository, "rev-parse", "--verify", "-q", $"refs/heads/{branch}"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = git.StandardOutput.ReadToEnd().Trim();
        git.WaitForExit();
        return git.ExitCode == 0 && output.Length == 40 ? output : null;
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync().ConfigureAwait(false);
            var headers = context.Request.Headers.AllKeys.OfType<string>().ToDictionary(k => k, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
            var raw = context.Request.RawUrl ?? "/";
            var queryAt = raw.IndexOf('?', StringComparison.Ordinal);
            var request = new FakeForgeRequest(context.Request.HttpMethod, queryAt < 0 ? raw : raw[..queryAt], queryAt < 0 ? "" : raw[queryAt..], headers, body);
            _requests.Enqueue(request);
            FakeForgeResponse? response;
            bool scripted;
            lock (_scripted)
            {
                var index = _scripted.FindIndex(s => s.Method == request.Method && request.Path.Contains(s.PathContains, StringComparison.Ordinal));
                scripted = index >= 0;
                response = scripted ? _scripted[index].Response : null;
                if (scripted && _scripted[index].Remaining != int.MaxValue)
                {
                    var entry = _scripted[index];
                    if (entry.Remaining <= 1)
                    {
                        _scripted.RemoveAt(index);
                    }
                    else
                    {
                        _scripted[index] = entry with { Remaining = entry.Remaining - 1 };
                    }
                }
            }
            if (scripted && response is null)
            {
                await Task.Delay(Timeout.Infinite, _stop.Token).ConfigureAwait(false);
                return;
            }
            try
            {
                response ??= Route(request);
            }
#pragma warning disable CA1031 // A router bug answers 500 with the reason, so the test fails with it instead of hanging.
            catch (Exception e)
#pragma warning restore CA1031
            {
                response = FakeForgeResponse.Json(500, new JsonObject { ["message"] = $"fake forge error: {e.Message}" });
            }
            context.Response.StatusCode = response.Status;
            context.Response.ContentType = "application/json; charset=utf-8";
            foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
            {
                context.Response.AddHeader(name, value);
            }
            var bytes = Encoding.UTF8.GetBytes(response.Body);
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
            context.Response.Close();
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (HttpListenerException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        // Close only (it stops too): HttpListener re-binds the port while removing prefixes a second time, and another
        // process may hold that port by now; a failure to let go of a listener in a test's teardown is no test failure.
        try
        {
            _listener.Close();
        }
        catch (HttpListenerException)
        {
        }
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
        }
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
