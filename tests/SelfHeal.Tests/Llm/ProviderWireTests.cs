using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using SelfHeal.Llm;
using SelfHeal.Llm.Providers;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Llm;

/// <summary>The official OpenAI and Anthropic client libraries, behind IChatClient, against a local server that speaks their wire formats.</summary>
public sealed class ProviderWireTests : IAsyncLifetime
{
    private const string Key = "sk-test-0123456789abcdefghij";
    private readonly FakeModelServer _server = FakeModelServer.Start();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private IChatClient Client(string model)
    {
        var clients = new ModelClients(Options.Create(new LlmOptions { BaseUrl = _server.BaseUrl }), TimeProvider.System, _ => Key);
        ModelSpec.TryParse(model, out var spec, out _);
        return clients.CreateProvider(spec!);
    }

    [Theory]
    [InlineData("openai:gpt-x", "/v1/chat/completions")]
    [InlineData("anthropic:claude-x", "/v1/messages")]
    public async Task GetResponse_TextAnswer_ReturnsTextAndUsage(string model, string path)
    {
        _server.Enqueue(FakeReply.Text("The bug is in standings().", 321, 12));

        var response = await Client(model).GetResponseAsync([new(ChatRole.System, "You diagnose."), new(ChatRole.User, "Why?")], new ChatOptions { MaxOutputTokens = 100 });

        Assert.Equal("The bug is in standings().", response.Text);
        Assert.Equal(321, response.Usage?.InputTokenCount);
        Assert.Equal(12, response.Usage?.OutputTokenCount);
        var request = Assert.Single(_server.Requests);
        Assert.Equal(path, request.Path);
        Assert.DoesNotContain(Key, request.Body, StringComparison.Ordinal);
        Assert.Contains("Why?", request.Body, StringComparison.Ordinal);
        Assert.Contains(request.Headers, h => h.Value.Contains(Key, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("openai:gpt-x")]
    [InlineData("anthropic:claude-x")]
    public async Task GetStreamingResponse_ServerSentEvents_AreAssembledInOrder(string model)
    {
        var text = "path/to/file.py\n<<<<<<< SEARCH\nold line\n=======\nnew line\n>>>>>>> REPLACE\n";
        _server.Enqueue(FakeReply.Text(text, 40, 30));

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in Client(model).GetStreamingResponseAsync([new(ChatRole.User, "Fix it.")], new ChatOptions { MaxOutputTokens = 100 }))
        {
            updates.Add(update);
        }

        var response = updates.ToChatResponse();
        Assert.Equal(text, response.Text);
        Assert.True(updates.Count > 3, $"expected several streamed updates, got {updates.Count}");
        Assert.Equal(30, response.Usage?.OutputTokenCount);
        Assert.Contains("\"stream\":true", _server.Requests[0].Body.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("openai:gpt-x", false)]
    [InlineData("openai:gpt-x", true)]
    [InlineData("anthropic:claude-x", false)]
    [InlineData("anthropic:claude-x", true)]
    public async Task ToolCall_IsReadAsFunctionCallContent(string model, bool streaming)
    {
        _server.Enqueue(FakeReply.Tool("read_file", """{"path":"league/standings.py"}"""));
        var tool = AIFunctionFactory.Create((string path) => path, "read_file", "Reads a file.");
        var options = new ChatOptions { Tools = [tool], MaxOutputTokens = 100 };
        var client = Client(model);

        var response = streaming
            ? (await ToListAsync(client.GetStreamingResponseAsync([new(ChatRole.User, "Look at the code.")], options))).ToChatResponse()
            : await client.GetResponseAsync([new(ChatRole.User, "Look at the code.")], options);

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("read_file", call.Name);
        Assert.Equal("league/standings.py", ((JsonElement)call.Arguments!["path"]!).GetString());
        Assert.Contains("read_file", _server.Requests[0].Body, StringComparison.Ordinal);
    }

    private static async Task<List<ChatResponseUpdate>> ToListAsync(IAsyncEnumerable<ChatResponseUpdate> updates)
    {
        var list = new List<ChatResponseUpdate>();
        await foreach (var update in updates)
        {
            list.Add(update);
        }
        return list;
    }
}
