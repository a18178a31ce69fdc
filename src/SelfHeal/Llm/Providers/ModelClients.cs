using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;
using SelfHeal.Llm.Decorators;

namespace SelfHeal.Llm.Providers;

/// <summary>
/// Makes the <see cref="IChatClient"/> of a model: the vendor's official SDK (OpenAI for <c>openai</c> and every
/// OpenAI-compatible endpoint, Anthropic for <c>anthropic</c>) under SelfHeal's decorators (budget, OpenTelemetry,
/// transcript, retries). The SDKs' own retries are off so that one policy, <see cref="RetryingChatClient"/>, applies to both.
/// Keys come from <c>OPENAI_API_KEY</c> and <c>ANTHROPIC_API_KEY</c> and go nowhere but the provider's auth header.
/// Thread-safe; one instance shares one HTTP connection pool.
/// </summary>
public sealed class ModelClients : IDisposable
{
    private readonly LlmOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Func<string, string?> _environment;
    private readonly HttpClient _http;
    private readonly Func<ModelSpec, IChatClient>? _providers;

    public ModelClients(IOptions<LlmOptions> options, TimeProvider timeProvider) : this(options, timeProvider, Environment.GetEnvironmentVariable) { }

    /// <param name="providers">Replaces the vendor clients (tests drive the decorators and engines with a scripted client).</param>
    internal ModelClients(IOptions<LlmOptions> options, TimeProvider timeProvider, Func<string, string?> environment, Func<ModelSpec, IChatClient>? providers = null)
    {
        _providers = providers;
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _timeProvider = timeProvider;
        _environment = environment;
        _http = new HttpClient(new ProviderHttpObserver(timeProvider) { InnerHandler = new SocketsHttpHandler() }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The <c>ActivitySource</c> and <c>Meter</c> of model calls (OpenTelemetry GenAI conventions, no message content).</summary>
    public const string TelemetrySource = "SelfHeal.Llm";

    /// <summary>The environment variable holding <paramref name="provider"/>'s key.</summary>
    public static string KeyVariable(string provider) => provider == "anthropic" ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY";

    /// <summary>Why <paramref name="model"/> cannot be called as configured (no key and no local endpoint), or <see langword="null"/>.</summary>
    public string? Problem(ModelSpec model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return string.IsNullOrEmpty(_environment(KeyVariable(model.Provider))) && _options.BaseUrl is null
            ? $"{KeyVariable(model.Provider)} is not set. Export the key of your {model.Provider} account, or point --base-url at a server that needs none."
            : null;
    }

    /// <summary><paramref name="model"/>'s client for one run: spending booked in <paramref name="ledger"/>, calls recorded in <paramref name="sink"/>.</summary>
    public IChatClient Create(ModelSpec model, ModelLedger ledger, IModelCallSink? sink)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        return new ChatClientBuilder(_providers?.Invoke(model) ?? CreateProvider(model))
            .UseModelBudget(model, ledger)
            .UseOpenTelemetry(sourceName: TelemetrySource, configure: c => c.EnableSensitiveData = false)
            .UseModelTranscript(model, ledger.Prices, sink, _timeProvider)
            .UseModelRetries(model, _options, _timeProvider)
            .Build();
    }

    /// <summary>The bare vendor client, without decorators.</summary>
    internal IChatClient CreateProvider(ModelSpec model)
    {
        ArgumentNullException.ThrowIfNull(model);
        // A local OpenAI-compatible server usually needs no key, but the SDKs insist on one.
        var key = _environment(KeyVariable(model.Provider)) is { Length: > 0 } k ? k : "no-key";
        var networkTimeout = _options.RequestTimeout + TimeSpan.FromSeconds(30);
        switch (model.Provider)
        {
            case "openai":
                var openAi = new OpenAIClientOptions
                {
                    RetryPolicy = new ClientRetryPolicy(0),
                    Transport = new HttpClientPipelineTransport(_http),
                    NetworkTimeout = networkTimeout,
                };
                if (_options.BaseUrl is { } endpoint)
                {
                    openAi.Endpoint = endpoint;
                }
                return new OpenAIClient(new ApiKeyCredential(key), openAi).GetChatClient(model.Model).AsIChatClient();
            case "anthropic":
                var anthropic = new Anthropic.Core.ClientOptions
                {
                    ApiKey = key,
                    HttpClient = _http,
                    MaxRetries = 0,
                    Timeout = networkTimeout,
                };
                if (_options.BaseUrl is { } baseUrl)
                {
                    // The SDK adds /v1/messages itself; accept a base URL given the OpenAI way, with /v1.
                    var text = baseUrl.ToString().TrimEnd('/');
                    anthropic.BaseUrl = text.EndsWith("/v1", StringComparison.Ordinal) ? text[..^3] : text;
                }
                return new AnthropicClient(anthropic).AsIChatClient(model.Model, _options.MaxOutputTokens);
            default:
                throw new ArgumentException($"Unknown provider '{model.Provider}'.", nameof(model));
        }
    }

    public void Dispose() => _http.Dispose();
}
