using System.ComponentModel.DataAnnotations;

namespace SelfHeal.Server.Http;

/// <summary>Request-size and rate limits of the public endpoints (configuration section <c>Limits</c>).</summary>
public sealed class ServerLimitsOptions
{
    /// <summary>No endpoint accepts a body larger than this, whatever it is configured to: 16 MiB.</summary>
    public const long MaxBodyCeiling = 16 * 1024 * 1024;

    /// <summary>Largest webhook body accepted, in bytes. Default 1 MiB (GitHub's and Jira's payloads are far smaller; Sentry's with frames fit).</summary>
    [Range(1024, MaxBodyCeiling)]
    public int MaxWebhookBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest <c>POST /api/v1/bugs</c> body accepted, in bytes. Default 2 MiB (a report with its log).</summary>
    [Range(1024, MaxBodyCeiling)]
    public int MaxApiBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Requests each API key or client address may make per window on the public endpoints. Default 600.</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerWindow { get; set; } = 600;

    /// <summary>The rate-limit window, in seconds. Default 60.</summary>
    [Range(1, 86_400)]
    public int WindowSeconds { get; set; } = 60;
}
