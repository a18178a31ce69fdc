namespace SelfHeal.Reporter;

/// <summary>Where and how exceptions are reported. Bind it from configuration (section <c>SelfHeal</c>) or set it in code.</summary>
public sealed class SelfHealReporterOptions
{
    /// <summary>The SelfHeal server, for example <c>https://selfheal.internal/</c>. Required.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>An API key with the reporter role (<c>selfheal apikey create --role reporter</c>). Required; never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The repository the application is built from (<c>owner/name</c>), so SelfHeal knows where to fix.</summary>
    public string? Repository { get; set; }

    /// <summary>The commit or release the application runs; default: the entry assembly's informational version.</summary>
    public string? Release { get; set; }

    /// <summary>The service's name; default: the entry assembly's name.</summary>
    public string? Service { get; set; }

    /// <summary>The deployment environment; default: <c>DOTNET_ENVIRONMENT</c> or <c>ASPNETCORE_ENVIRONMENT</c>.</summary>
    public string? Environment { get; set; }

    /// <summary>Logged exceptions at this level or above are reported. Default <see cref="Microsoft.Extensions.Logging.LogLevel.Error"/>.</summary>
    public Microsoft.Extensions.Logging.LogLevel MinimumLevel { get; set; } = Microsoft.Extensions.Logging.LogLevel.Error;

    /// <summary>Reports kept while the server cannot be reached; beyond it the oldest are dropped (and counted). Default 200.</summary>
    public int MaxQueuedReports { get; set; } = 200;

    /// <summary>Reports sent in one request. Default 25 (the server takes up to 100).</summary>
    public int BatchSize { get; set; } = 25;

    /// <summary>How long a report may wait for others to join its batch. Default 2 s.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The same exception (type and throwing frame) is reported once per window; repeats are counted. Default 60 s.</summary>
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest wait between retries while the server is down. Default 60 s.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Per-request timeout. Default 10 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long shutdown (or a crash) waits for queued reports to go out. Default 5 s.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Report <see cref="AppDomain.UnhandledException"/> and unobserved task exceptions. Default true.</summary>
    public bool CaptureUnhandledExceptions { get; set; } = true;
}
