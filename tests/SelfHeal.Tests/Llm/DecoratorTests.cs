using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using SelfHeal.Llm;
using SelfHeal.Llm.Providers;
using SelfHeal.Tests.Support;

namespace SelfHeal.Tests.Llm;

/// <summary>Budget, transcript and retries, around the real client libraries talking to the local server.</summary>
public sealed class DecoratorTests : IAsyncLifetime
{
    private const string Key = "sk-test-decorators-0123456789";
    private readonly FakeModelServer _server = FakeModelServer.Start();
    private readonly RecordingSink _sink = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private IChatClient Client(string model, ModelLedger ledger, Action<LlmOptions>? configure = null)
    {
        var options = new LlmOptions { BaseUrl = _server.BaseUrl, RetryBaseDelay = TimeSpan.Zero, MaxRetries = 2, RequestTimeout = TimeSpan.FromSeconds(30) };
        configure?.Invoke(options);
        ModelSpec.TryParse(model, out var spec, out _);
        return new ModelClients(Options.Create(options), TimeProvider.System, _ => Key).Create(spec!, ledger, _sink);
    }

    private static ModelLedger Ledger(decimal? limit = null) => new(PriceTable.Default, limit);

    [Theory]
    [InlineData("openai:gpt-4o")]
    [InlineData("anthropic:claude-sonnet-4-5")]
    public async Task Call_BooksTokensAndCostAndRecordsTheTranscript(string model)
    {
        _server.Enqueue(FakeReply.Text("an answer", 1_000_000, 100_000));
        var ledger = Ledger();

        await Client(model, ledger).GetResponseAsync([new(ChatRole.System, "sys"), new(ChatRole.User, "question")], new ChatOptions().WithPurpose("root-cause@v1"));

        var price = PriceTable.Default.PriceOf(new ModelSpec(model.Split(':')[0], model.Split(':')[1]));
        Assert.Equal(price.InputPerMillion + price.OutputPerMillion / 10, ledger.Spent);
        var call = Assert.Single(_sink.Calls);
        Assert.Equal(model, call.Model);
        Assert.Equal("root-cause@v1", call.Purpose);
        Assert.Equal(1_000_000, call.InputTokens);
        Assert.Equal(ledger.Spent, call.Cost);
        Assert.Equal(["system", "user"], call.Request.Select(m => m.Role));
        Assert.Equal("an answer", call.Response);
        Assert.DoesNotContain("selfheal.purpose", _server.Requests[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_BudgetSpent_IsRefusedWithoutARequest()
    {
        _server.Enqueue(FakeReply.Text("first", 10_000_000, 0), FakeReply.Text("second"));
        var ledger = Ledger(limit: 0.01m);
        var client = Client("openai:gpt-4o", ledger);

        await client.GetResponseAsync([new(ChatRole.User, "one")]);
        var refused = await Assert.ThrowsAsync<BudgetExceededException>(() => client.GetResponseAsync([new(ChatRole.User, "two")]));

        Assert.Single(_server.Requests);
        Assert.Equal(0.01m, refused.Limit);
        Assert.Contains("--max-cost", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("openai:gpt-x", 500)]
    [InlineData("openai:gpt-x", 503)]
    [InlineData("anthropic:claude-x", 500)]
    [InlineData("anthropic:claude-x", 529)]
    public async Task Call_ServerErrorsThenSuccess_IsRetried(string model, int status)
    {
        _server.Enqueue(FakeReply.Error(status), FakeReply.Error(status), FakeReply.Text("recovered"));

        var response = await Client(model, Ledger()).GetResponseAsync([new(ChatRole.User, "q")]);

        Assert.Equal("recovered", response.Text);
        Assert.Equal(3, _server.Requests.Count);
        Assert.Single(_sink.Calls);
    }

    [Theory]
    [InlineData("openai:gpt-x")]
    [InlineData("anthropic:claude-x")]
    public async Task Call_TooManyRequestsWithRetryAfter_WaitsAsToldAndRetries(string model)
    {
        _server.Enqueue(FakeReply.Error(429, retryAfter: "0"), FakeReply.Text("ok"));

        var response = await Client(model, Ledger(), o => o.RetryBaseDelay = TimeSpan.FromMinutes(5)).GetResponseAsync([new(ChatRole.User, "q")]);

        // The 5-minute backoff would have outlived the test: Retry-After: 0 was honoured instead.
        Assert.Equal("ok", response.Text);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Theory]
    [InlineData("openai:gpt-x")]
    [InlineData("anthropic:claude-x")]
    public async Task Call_Unauthorized_FailsAtOnceWithAClearMessageAndNoKey(string model)
    {
        _server.Enqueue(FakeReply.Error(401), FakeReply.Text("never"));

        var failed = await Assert.ThrowsAsync<ModelCallFailedException>(() => Client(model, Ledger()).GetResponseAsync([new(ChatRole.User, "q")]));

        Assert.Single(_server.Requests);
        Assert.Contains("401", failed.Message, StringComparison.Ordinal);
        Assert.Contains(model, failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, failed.Message, StringComparison.Ordinal);
        Assert.NotNull(Assert.Single(_sink.Calls).Error);
    }

    [Theory]
    [InlineData("openai:gpt-x")]
    [InlineData("anthropic:claude-x")]
    public async Task Call_MalformedJsonThenSuccess_IsRetried(string model)
    {
        _server.Enqueue(FakeReply.RawBody("{\"id\": \"chatcmpl-1\", \"choices\": [ {\"index\": 0, \"message\": "), FakeReply.Text("whole"));

        var response = await Client(model, Ledger()).GetResponseAsync([new(ChatRole.User, "q")]);

        Assert.Equal("whole", response.Text);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Theory]
    [InlineData("openai:gpt-x")]
    [InlineData("anthropic:claude-x")]
    public async Task Call_ServerNeverAnswers_FailsAfterTheRetriesWithTheTimeoutNamed(string model)
    {
        _server.Enqueue(FakeReply.NoAnswer(), FakeReply.NoAnswer());

        var failed = await Assert.ThrowsAsync<ModelCallFailedException>(() =>
            Client(model, Ledger(), o => (o.MaxRetries, o.RequestTimeout) = (1, TimeSpan.FromMilliseconds(300))).GetResponseAsync([new(ChatRole.User, "q")]));

        Assert.Contains("no answer within 300 ms", failed.Message, StringComparison.Ordinal);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task Call_EmitsAnOpenTelemetrySpanWithoutMessageContent()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ModelClients.TelemetrySource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        _server.Enqueue(FakeReply.Text("private answer", 77, 5));

        await Client("openai:gpt-telemetry", Ledger()).GetResponseAsync([new(ChatRole.User, "private question")]);

        var span = Assert.Single(spans, s => Equals(s.GetTagItem("gen_ai.request.model"), "gpt-telemetry"));
        Assert.Equal(77L, Convert.ToInt64(span.GetTagItem("gen_ai.usage.input_tokens"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain(span.TagObjects, t => t.Value?.ToString()?.Contains("private", StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData("openai:gpt-x", FakeTruncation.Reset)]
    [InlineData("openai:gpt-x", FakeTruncation.EndsEarly)]
    [InlineData("anthropic:claude-x", FakeTruncation.Reset)]
    [InlineData("anthropic:claude-x", FakeTruncation.EndsEarly)]
    public async Task Streaming_AnswerCutShort_FailsClearlyInsteadOfPassingOnHalfAnAnswer(string model, FakeTruncation how)
    {
        _server.Enqueue(FakeReply.Truncated("<<<<<<< SEARCH\n    return a - b\n=======\n    return a + b\n>>>>>>> REPLACE\n", how));

        var failed = await Assert.ThrowsAsync<ModelCallFailedException>(async () =>
        {
            await foreach (var update in Client(model, Ledger()).GetStreamingResponseAsync([new(ChatRole.User, "q")]))
            {
                Assert.NotNull(update);
            }
        });

        Assert.Contains(model, failed.Message, StringComparison.Ordinal);
        Assert.Contains("the partial answer must not be used", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Streaming_IsBookedAndRecorded()
    {
        _server.Enqueue(FakeReply.Text("streamed answer", 200, 20));
        var ledger = Ledger();

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in Client("openai:gpt-4o", ledger).GetStreamingResponseAsync([new(ChatRole.User, "q")]))
        {
            updates.Add(update);
        }

        Assert.Equal("streamed answer", updates.ToChatResponse().Text);
        Assert.Equal(200, ledger.InputTokens);
        Assert.Equal("streamed answer", Assert.Single(_sink.Calls).Response);
    }
}
