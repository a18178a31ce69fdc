using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace SelfHeal.Tests.Support;

/// <summary>
/// An HTTP server on 127.0.0.1 (random port) that records every request and answers through a handler: the base of
/// the fake SaaS endpoints (Jira, Slack, webhook receivers) that the notifiers' real HTTP clients talk to. A handler
/// answering <see langword="null"/> never answers (the request hangs until the client gives up or the server stops).
/// </summary>
public sealed class RecordingHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<ScriptedResponse> _faults = new();
    private readonly List<(Func<RecordedRequest, bool> When, ScriptedResponse Response)> _aimedFaults = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<RecordedRequest, ScriptedResponse?> _handler;
    private readonly Task _loop;

    private RecordingHttpServer(int port, Func<RecordedRequest, ScriptedResponse?> handler)
    {
        Port = port;
        _handler = handler;
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    /// <summary><c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    /// <summary>Requests received so far, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static RecordingHttpServer Start(Func<RecordedRequest, ScriptedResponse?> handler)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new RecordingHttpServer(port, handler);
    }

    /// <summary>Answers the next requests with <paramref name="responses"/>, in order, before the handler is asked again.</summary>
    public RecordingHttpServer Fail(params ScriptedResponse[] responses)
    {
        foreach (var response in responses)
        {
            _faults.Enqueue(response);
        }
        return this;
    }

    /// <summary>Answers the next request that matches <paramref name="when"/> with <paramref name="response"/>, once.</summary>
    public RecordingHttpServer FailNext(Func<RecordedRequest, bool> when, ScriptedResponse response)
    {
        lock (_aimedFaults)
        {
            _aimedFaults.Add((when, response));
        }
        return this;
    }

    private ScriptedResponse? AimedFault(RecordedRequest request)
    {
        lock (_aimedFaults)
        {
            var index = _aimedFaults.FindIndex(f => f.When(request));
            if (index < 0)
            {
                return null;
            }
            var response = _aimedFaults[index].Response;
            _aimedFaults.RemoveAt(index);
            return response;
        }
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
            using var buffer = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(buffer).ConfigureAwait(false);
            var headers = context.Request.Headers.AllKeys.OfType<string>().ToDictionary(k => k, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
            var request = new RecordedRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.Url.Query, headers, buffer.ToArray());
            _requests.Enqueue(request);
            var response = _faults.TryDequeue(out var fault) ? fault : AimedFault(request) ?? _handler(request);
            if (response is null || response.Hang)
            {
                await Task.Delay(Timeout.Infinite, _stop.Token).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
                context.Response.Abort();
                return;
            }
            context.Response.StatusCode = response.Status;
            foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
            {
                context.Response.AddHeader(name, value);
            }
            var bytes = Encoding.UTF8.GetBytes(response.Body ?? "");
            context.Response.ContentType = response.ContentType;
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
            context.Response.Close();
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (HttpListenerException)
        {
            // The client went away (it timed out): nothing to answer.
        }
    }

    public async ValueTask DisposeAsync()
    {
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
    }
}

/// <summary>A request as the server saw it.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public JsonNode Json => JsonNode.Parse(Text) ?? throw new InvalidOperationException("The request body is JSON null.");

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>An answer: a status, a body, headers; or <see cref="Hang"/>: no answer at all.</summary>
public sealed record ScriptedResponse(int Status, string? Body = null, string ContentType = "application/json", IReadOnlyDictionary<string, string>? Headers = null)
{
    public bool Hang { get; init; }

    public static ScriptedResponse Never { get; } = new(0) { Hang = true };

    public static ScriptedResponse Json(int status, string body) => new(status, body);

    public static ScriptedResponse RateLimited(int retryAfterSeconds) =>
        new(429, """{"errorMessages":["Rate limit exceeded."]}""", Headers: new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });
}
