using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace SelfHeal.Reporter;

/// <summary>
/// Turns an exception into a report: title, full trace (inner exceptions included), where it ran, and what was
/// logged with it. Everything is cut to size, and things that look like secrets (passwords in connection strings,
/// bearer tokens, API keys, credentials in URLs) are masked before the report leaves the process.
/// </summary>
internal static partial class ReportBuilder
{
    private const int MaxTitle = 300;
    private const int MaxTrace = 32 * 1024;
    private const int MaxLog = 8 * 1024;

    public static PendingReport Build(Exception exception, SelfHealReporterOptions options, DateTimeOffset now, string how, string? logMessage = null, string? category = null, LogLevel level = LogLevel.Error)
    {
        var root = exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : exception;
        var message = Redact(FirstLine(root.Message));
        var title = Cut($"{root.GetType().Name}: {message}", MaxTitle);
        var environment = new Dictionary<string, string>
        {
            ["service"] = options.Service ?? Assembly.GetEntryAssembly()?.GetName().Name ?? "unknown",
            ["runtime"] = RuntimeInformation.FrameworkDescription,
            ["os"] = RuntimeInformation.OSDescription,
            ["host"] = System.Environment.MachineName,
            ["captured"] = how,
        };
        if ((options.Environment ?? System.Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? System.Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")) is { Length: > 0 } env)
        {
            environment["environment"] = Cut(env, 256);
        }
        if (category is not null)
        {
            environment["logger"] = Cut(category, 256);
        }
        if (Activity.Current?.TraceId.ToString() is { } traceId && traceId != default(ActivityTraceId).ToString())
        {
            environment["traceId"] = traceId;
        }
        var release = options.Release ?? Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (release is { Length: > 0 })
        {
            environment["release"] = Cut(release, 256);
        }
        var log = logMessage is null ? null : Cut(Redact($"{level} {category}: {logMessage}"), MaxLog);
        return new PendingReport(Guid.NewGuid().ToString("N"), new WireReport
        {
            Title = title,
            Description = root.Message.Contains('\n', StringComparison.Ordinal) ? Cut(Redact(root.Message), 8 * 1024) : null,
            StackTrace = Cut(Redact(exception.ToString()), MaxTrace),
            Log = log,
            Severity = level >= LogLevel.Critical || how == "unhandled" ? "high" : null,
            Repository = options.Repository,
            Commit = CommitOf(release),
            Environment = environment,
            Labels = [how],
            OccurredAt = now,
        });
    }

    /// <summary>The exception's identity for duplicate suppression: its type and the frame that threw.</summary>
    public static string KeyOf(Exception exception)
    {
        var root = exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : exception;
        var frame = new StackTrace(root, fNeedFileInfo: false).GetFrames().FirstOrDefault(f => f.GetMethod() is not null)?.GetMethod();
        return $"{root.GetType().FullName}|{frame?.DeclaringType?.FullName}.{frame?.Name}";
    }

    /// <summary>Masks values that look like secrets.</summary>
    public static string Redact(string text)
    {
        text = SecretAssignment().Replace(text, m => $"{m.Groups["key"].Value}{m.Groups["sep"].Value}***");
        text = Bearer().Replace(text, "${scheme} ***");
        return UrlCredentials().Replace(text, "${scheme}***@");
    }

    /// <summary>The git commit in a release: the release itself when it is one, or SourceLink's <c>1.2.3+&lt;sha&gt;</c> suffix.</summary>
    internal static string? CommitOf(string? release)
    {
        var candidate = release?.Contains('+', StringComparison.Ordinal) == true ? release[(release.LastIndexOf('+') + 1)..] : release;
        return candidate is { Length: >= 7 and <= 64 } && candidate.All(char.IsAsciiHexDigit) ? candidate.ToLowerInvariant() : null;
    }

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    [GeneratedRegex(@"(?<key>\b(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|client[_-]?secret)\b)(?<sep>\s*[=:]\s*)(?:""[^""]*""|'[^']*'|[^\s;,&""']+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SecretAssignment();

    [GeneratedRegex(@"(?<scheme>\b(?:Bearer|Basic|token))\s+[A-Za-z0-9\-._~+/]{8,}=*", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Bearer();

    [GeneratedRegex(@"(?<scheme>\b[a-z][a-z0-9+.\-]*://)[^/\s:@]+:[^/\s@]+@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex UrlCredentials();
}
