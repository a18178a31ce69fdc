using System.ComponentModel.DataAnnotations;

namespace SelfHeal.Llm;

/// <summary>Which models the LLM engines call and the limits of those calls. Bound from configuration or the CLI.</summary>
public sealed class LlmOptions
{
    /// <summary>The models, <c>provider:model</c>; several make an ensemble whose candidates all go through the same validation.</summary>
    public IList<string> Models { get; } = [];

    /// <summary>The endpoint to call instead of the provider's own (an OpenAI-compatible server, a proxy). Default: the provider's.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>
    /// The most a run may spend on model calls, in US dollars, priced with the price table. A call is not started
    /// once the budget is spent; the engine stops and records why. Default: no limit.
    /// </summary>
    [Range(0, 1_000_000)]
    public decimal? MaxCostPerRun { get; set; }

    /// <summary>A JSON price table whose entries override the embedded defaults (see <see cref="PriceTable"/>).</summary>
    public string? PriceTablePath { get; set; }

    /// <summary>Wall-clock limit of one model call; a call that takes longer is retried like a 5xx. Default 2 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Retries after a 429, a 5xx, a timeout or a broken response. Default 3.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First backoff delay; it doubles each retry (a <c>Retry-After</c> header wins). Default 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between retries, whatever <c>Retry-After</c> asks for. Default 60 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:30:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Repair rounds: failures of round k are shown to the model in round k+1. Default 3.</summary>
    [Range(1, 10)]
    public int Attempts { get; set; } = 3;

    /// <summary>Candidates sampled from each model per round. Default 2.</summary>
    [Range(1, 20)]
    public int Samples { get; set; } = 2;

    /// <summary>Sampling temperature of repair calls (analysis calls use 0). Default 0.8.</summary>
    [Range(0.0, 2.0)]
    public float Temperature { get; set; } = 0.8f;

    /// <summary>Most tokens a model may answer with. Default 4096.</summary>
    [Range(256, 200_000)]
    public int MaxOutputTokens { get; set; } = 4096;

    /// <summary>Longest report text (title, body, log) given to a model after sanitizing. Default 8000 characters.</summary>
    [Range(200, 200_000)]
    public int MaxReportChars { get; set; } = 8000;

    /// <summary>Lines of code shown above and below each suspect. Default 20.</summary>
    [Range(0, 500)]
    public int ContextLines { get; set; } = 20;

    /// <summary>Suspects whose code is shown to the model. Default 5.</summary>
    [Range(1, 50)]
    public int MaxSuspects { get; set; } = 5;
}
