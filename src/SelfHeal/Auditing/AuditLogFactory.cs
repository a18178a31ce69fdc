using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SelfHeal.Runs;
using SelfHeal.Security;

namespace SelfHeal.Auditing;

/// <summary>
/// Hands out the <see cref="IAuditLog"/> of a run, one shared <see cref="FileAuditLog"/> per file so that appends
/// to the same file are serialized. Thread-safe.
/// </summary>
public sealed class AuditLogFactory(IOptions<AuditOptions> options, TimeProvider timeProvider, SecretRedactor redactor) : IDisposable
{
    private readonly ConcurrentDictionary<string, FileAuditLog> _logs = new(StringComparer.Ordinal);

    /// <summary>The file holding <paramref name="runId"/>'s entries.</summary>
    public string PathFor(string runId)
    {
        if (!RunId.IsWellFormed(runId))
        {
            throw new ArgumentException($"'{runId}' is not a run id.", nameof(runId));
        }
        var settings = options.Value;
        var name = settings.Layout == AuditLogLayout.PerRun ? runId + ".jsonl" : settings.SingleFileName;
        return Path.GetFullPath(Path.Combine(settings.Directory, name));
    }

    /// <summary>The audit log <paramref name="runId"/> appends to.</summary>
    public IAuditLog ForRun(string runId) =>
        _logs.GetOrAdd(PathFor(runId), path => new FileAuditLog(path, timeProvider, redactor));

    public void Dispose()
    {
        foreach (var log in _logs.Values)
        {
            log.Dispose();
        }
    }
}
