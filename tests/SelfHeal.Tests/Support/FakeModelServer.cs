using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SelfHeal.Tests.Support;

/// <summary>
/// A model provider on 127.0.0.1 (random port) that speaks the OpenAI chat completions wire format
/// (<c>POST /v1/chat/completions</c>, JSON or SSE streaming, tool calls) and the Anthropic messages API
/// (<c>POST /v1/messages</c>, JSON or SSE). It answers each request with the next scripted reply, rendered in the
/// format the request came in, and records every request (path, headers, body) for assertions.
/// </summary>
public sealed class FakeModelServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<FakeReply> _replies = new();
    private readonly ConcurrentQueue<FakeRequest> _requests = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _sequence;

    private FakeModelServer(int port)
    {
        Port = port;
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    /// <summary>The OpenAI-style base URL: <c>http://127.0.0.1:PORT/v1</c>.</summary>
    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/v1");

    /// <summary>Requests received so far, in order.</summary>
    public IReadOnlyList<FakeRequest> Requests => [.. _requests];

    /// <summary>Replies not used yet.</summary>
    public int Pending => _replies.Count;

    public static FakeModelServer Start()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new FakeModelServer(port);
    }

    public FakeModelServer Enqueue(params FakeReply[] replies)
    {
        foreach (var reply in replies)
        {
            _replies.Enqueue(reply);
        }
        return this;
    }

    /// <summary>Enqueues the assistant answers of a recorded transcript (<c>TestData/Llm/NAME.json</c>).</summary>
    public FakeModelServer EnqueueTranscript(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var call in document.RootElement.GetProperty("calls").EnumerateArray())
        {
            Enqueue(FakeReply.Text(call.GetProperty("answer").GetString()!, call.GetProperty("input_tokens").GetInt32(), call.GetProperty("output_tokens").GetInt32()));
        }
        return this;
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
            var path = context.Request.Url!.AbsolutePath;
            _requests.Enqueue(new FakeRequest(path, headers, body));
            var request = JsonNode.Parse(body.Length == 0 ? "{}" : body)!;
            var stream = request["stream"]?.GetValue<bool>() == true;
            var model = request["model"]?.GetValue<string>() ?? "unknown";
            var anthropic = path.EndsWith("/messages", StringComparison.Ordinal);
            if (!_replies.TryDequeue(out var reply))
            {
                await WriteAsync(context, 400, "application/json", """{"error":{"message":"the test server has no scripted reply left","type":"invalid_request_error"}}""").ConfigureAwait(false);
                return;
            }
            switch (reply.Kind)
            {
                case FakeReplyKind.Status:
                    if (reply.RetryAfter is { } retryAfter)
                    {
                        context.Response.AddHeader("Retry-After", retryAfter);
                    }
                    await WriteAsync(context, reply.StatusCode, "application/json", reply.Content ?? """{"error":{"message":"scripted failure","type":"server_error"}}""").ConfigureAwait(false);
                    return;
                case FakeReplyKind.Raw:
                    await WriteAsync(context, 200, "application/json", reply.Content!).ConfigureAwait(false);
                    return;
                case FakeReplyKind.Hang:
                    await Task.Delay(Timeout.Infinite, _stop.Token).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
                    context.Response.Abort();
                    return;
            }
            var id = Interlocked.Increment(ref _sequence);
            if (anthropic)
            {
                await (stream ? WriteSseAsync(context, AnthropicEvents(reply, model, id), reply.Truncation) : WriteAsync(context, 200, "application/json", AnthropicMessage(reply, model, id).ToJsonString())).ConfigureAwait(false);
            }
            else
            {
                await (stream ? WriteSseAsync(context, OpenAiChunks(reply, model, id), reply.Truncation) : WriteAsync(context, 200, "application/json", OpenAiCompletion(reply, model, id).ToJsonString())).ConfigureAwait(false);
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (HttpListenerException)
        {
            // The client went away (it timed out): nothing to answer.
        }
    }

    private static JsonObject OpenAiCompletion(FakeReply reply, string model, int id)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = reply.Content, ["refusal"] = null };
        if (reply.ToolName is not null)
        {
            message["tool_calls"] = new JsonArray(new JsonObject
            {
                ["id"] = $"call_{id}",
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = reply.ToolName, ["arguments"] = reply.ToolArguments },
            });
        }
        return new JsonObject
        {
            ["id"] = $"chatcmpl-{id}",
            ["object"] = "chat.completion",
            ["created"] = 1_763_900_000,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["logprobs"] = null, ["finish_reason"] = reply.ToolName is null ? "stop" : "tool_calls" }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = reply.InputTokens, ["completion_tokens"] = reply.OutputTokens, ["total_tokens"] = reply.InputTokens + reply.OutputTokens },
            ["system_fingerprint"] = "fp_test",
        };
    }

    private static IEnumerable<(string? Event, string Data)> OpenAiChunks(FakeReply reply, string model, int id)
    {
        JsonObject Chunk(JsonObject delta, string? finish) => new()
        {
            ["id"] = $"chatcmpl-{id}",
            ["object"] = "chat.completion.chunk",
            ["created"] = 1_763_900_000,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["logprobs"] = null, ["finish_reason"] = finish }),
        };
        yield return (null, Chunk(new JsonObject { ["role"] = "assistant", ["content"] = "" }, null).ToJsonString());
        if (reply.ToolName is not null)
        {
            yield return (null, Chunk(new JsonObject
            {
                ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = 0, ["id"] = $"call_{id}", ["type"] = "function", ["function"] = new JsonObject { ["name"] = reply.ToolName, ["arguments"] = "" } }),
            }, null).ToJsonString());
            yield return (null, Chunk(new JsonObject { ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = 0, ["function"] = new JsonObject { ["arguments"] = reply.ToolArguments } }) }, null).ToJsonString());
        }
        foreach (var piece in Pieces(reply.Content ?? ""))
        {
            yield return (null, Chunk(new JsonObject { ["content"] = piece }, null).ToJsonString());
        }
        yield return (null, Chunk(new JsonObject(), reply.ToolName is null ? "stop" : "tool_calls").ToJsonString());
        yield return (null, new JsonObject
        {
            ["id"] = $"chatcmpl-{id}",
            ["object"] = "chat.completion.chunk",
            ["created"] = 1_763_900_000,
            ["model"] = model,
            ["choices"] = new JsonArray(),
            ["usage"] = new JsonObject { ["prompt_tokens"] = reply.InputTokens, ["completion_tokens"] = reply.OutputTokens, ["total_tokens"] = reply.InputTokens + reply.OutputTokens },
        }.ToJsonString());
        yield return (null, "[DONE]");
    }

    private static JsonObject AnthropicUsage(FakeReply reply, int output) => new()
    {
        ["input_tokens"] = reply.InputTokens,
        ["output_tokens"] = output,
        ["cache_creation_input_tokens"] = 0,
        ["cache_read_input_tokens"] = 0,
        ["service_tier"] = "standard",
    };

    private static JsonObject AnthropicMessage(FakeReply reply, string model, int id)
    {
        var content = new JsonArray();
        if (!string.IsNullOrEmpty(reply.Content))
        {
            content.Add(new JsonObject { ["type"] = "text", ["text"] = reply.Content });
        }
        if (reply.ToolName is not null)
        {
            content.Add(new JsonObject { ["type"] = "tool_use", ["id"] = $"toolu_{id}", ["name"] = reply.ToolName, ["input"] = JsonNode.Parse(reply.ToolArguments!) });
        }
        return new JsonObject
        {
            ["id"] = $"msg_{id:D4}",
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = model,
            ["content"] = content,
            ["stop_reason"] = reply.ToolName is null ? "end_turn" : "tool_use",
            ["stop_sequence"] = null,
            ["usage"] = AnthropicUsage(reply, reply.OutputTokens),
        };
    }

    private static IEnumerable<(string? Event, string Data)> AnthropicEvents(FakeReply reply, string model, int id)
    {
        var start = AnthropicMessage(reply, model, id);
        start["content"] = new JsonArray();
        start["stop_reason"] = null;
        start["usage"] = AnthropicUsage(reply, 1);
        yield return ("message_start", new JsonObject { ["type"] = "message_start", ["message"] = start }.ToJsonString());
        var index = 0;
        if (!string.IsNullOrEmpty(reply.Content))
        {
            yield return ("content_block_start", new JsonObject { ["type"] = "content_block_start", ["index"] = index, ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = "" } }.ToJsonString());
            foreach (var piece in Pieces(reply.Content))
            {
                yield return ("content_block_delta", new JsonObject { ["type"] = "content_block_delta", ["index"] = index, ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = piece } }.ToJsonString());
            }
            yield return ("content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = index }.ToJsonString());
            index++;
        }
        if (reply.ToolName is not null)
        {
            yield return ("content_block_start", new JsonObject { ["type"] = "content_block_start", ["index"] = index, ["content_block"] = new JsonObject { ["type"] = "tool_use", ["id"] = $"toolu_{id}", ["name"] = reply.ToolName, ["input"] = new JsonObject() } }.ToJsonString());
            yield return ("content_block_delta", new JsonObject { ["type"] = "content_block_delta", ["index"] = index, ["delta"] = new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = reply.ToolArguments } }.ToJsonString());
            yield return ("content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = index }.ToJsonString());
        }
        yield return ("message_delta", new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = reply.ToolName is null ? "end_turn" : "tool_use", ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = reply.OutputTokens },
        }.ToJsonString());
        yield return ("message_stop", """{"type":"message_stop"}""");
    }

    /// <summary>Text in pieces of about 16 characters, as a streaming server sends it.</summary>
    private static IEnumerable<string> Pieces(string text)
    {
        for (var i = 0; i < text.Length; i += 16)
        {
            yield return text.Substring(i, Math.Min(16, text.Length - i));
        }
    }

    private static async Task WriteAsync(HttpListenerContext context, int status, string contentType, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        context.Response.Close();
    }

    private static async Task WriteSseAsync(HttpListenerContext context, IEnumerable<(string? Event, string Data)> events, FakeTruncation truncation = FakeTruncation.None)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream";
        context.Response.SendChunked = true;
        var all = events.ToList();
        if (truncation != FakeTruncation.None)
        {
            all = all.Take(all.Count / 2).ToList();
        }
        foreach (var (name, data) in all)
        {
            var text = (name is null ? "" : $"event: {name}\n") + $"data: {data}\n\n";
            await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(text)).ConfigureAwait(false);
            await context.Response.OutputStream.FlushAsync().ConfigureAwait(false);
        }
        if (truncation == FakeTruncation.Reset)
        {
            context.Response.Abort();
            return;
        }
        context.Response.Close();
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

/// <summary>A request the server received.</summary>
public sealed record FakeRequest(string Path, IReadOnlyDictionary<string, string> Headers, string Body);

public enum FakeReplyKind
{
    Answer,
    Status,
    Raw,
    Hang,
}

/// <summary>How a streamed answer is cut short.</summary>
public enum FakeTruncation
{
    /// <summary>The whole answer.</summary>
    None,

    /// <summary>The connection is reset after half of the events.</summary>
    Reset,

    /// <summary>The stream ends cleanly after half of the events, before the one that says why it finished.</summary>
    EndsEarly,
}

/// <summary>What the server answers one request with.</summary>
public sealed record FakeReply(FakeReplyKind Kind)
{
    public string? Content { get; init; }

    public int InputTokens { get; init; }

    public int OutputTokens { get; init; }

    public int StatusCode { get; init; } = 200;

    public string? RetryAfter { get; init; }

    public string? ToolName { get; init; }

    public string? ToolArguments { get; init; }

    /// <summary>For streamed answers: how the stream is cut short.</summary>
    public FakeTruncation Truncation { get; init; }

    /// <summary>A streamed answer cut short as <paramref name="how"/> says.</summary>
    public static FakeReply Truncated(string text, FakeTruncation how) => new(FakeReplyKind.Answer) { Content = text, InputTokens = 100, OutputTokens = 50, Truncation = how };

    /// <summary>An assistant answer with this usage.</summary>
    public static FakeReply Text(string text, int inputTokens = 100, int outputTokens = 50) => new(FakeReplyKind.Answer) { Content = text, InputTokens = inputTokens, OutputTokens = outputTokens };

    /// <summary>A tool call (function name and JSON arguments).</summary>
    public static FakeReply Tool(string name, string argumentsJson, int inputTokens = 100, int outputTokens = 20) =>
        new(FakeReplyKind.Answer) { ToolName = name, ToolArguments = argumentsJson, InputTokens = inputTokens, OutputTokens = outputTokens };

    /// <summary>An HTTP error, optionally with <c>Retry-After</c>.</summary>
    public static FakeReply Error(int status, string? retryAfter = null) => new(FakeReplyKind.Status) { StatusCode = status, RetryAfter = retryAfter };

    /// <summary>A 200 whose body is <paramref name="body"/> as is (malformed JSON, for instance).</summary>
    public static FakeReply RawBody(string body) => new(FakeReplyKind.Raw) { Content = body };

    /// <summary>Never answers (until the server is disposed).</summary>
    public static FakeReply NoAnswer() => new(FakeReplyKind.Hang);
}
