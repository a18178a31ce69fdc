using System.Text;
using System.Text.Json;
using SelfHeal.Pipeline;
using SelfHeal.Security;

namespace SelfHeal.Auditing;

/// <summary>
/// An <see cref="IAuditLog"/> in a JSON-lines file: one entry per line, each line flushed to disk before
/// <see cref="AppendAsync"/> returns. One writer per file: share the instance (see <see cref="AuditLogFactory"/>),
/// don't open the same file twice. Appending to a log that fails verification throws
/// <see cref="RunAbortedException"/>: a damaged log is never extended.
/// </summary>
public sealed class FileAuditLog(string path, TimeProvider timeProvider, SecretRedactor redactor) : IAuditLog, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _lastSequence = -1;
    private string _lastHash = AuditHashing.GenesisHash;

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public async Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrEmpty(record.RunId);
        ArgumentException.ThrowIfNullOrEmpty(record.Actor);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var needsNewline = false;
            if (_lastSequence < 0)
            {
                needsNewline = await LoadTailAsync(cancellationToken);
            }
            var redactedDetail = redactor.Redact(record.Detail);
            var detail = redactedDetail is null ? "null" : AuditHashing.Canonicalize(JsonSerializer.SerializeToElement(redactedDetail));
            var entry = new AuditEntry(
                _lastSequence + 1,
                timeProvider.GetUtcNow().ToUniversalTime(),
                redactor.Redact(record.RunId),
                redactor.Redact(record.Actor),
                record.Kind,
                redactor.Redact(record.Summary),
                detail,
                _lastHash,
                "");
            entry = entry with { Hash = AuditHashing.ComputeHash(entry) };
            var line = (needsNewline ? "\n" : "") + AuditEntrySerializer.ToLine(entry) + "\n";
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            await using (var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, useAsync: true))
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(line), cancellationToken);
                stream.Flush(flushToDisk: true);
            }
            (_lastSequence, _lastHash) = (entry.Sequence, entry.Hash);
            return entry;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path))
        {
            return [];
        }
        var lines = await File.ReadAllLinesAsync(Path, cancellationToken);
        return [.. lines.Select(l => AuditEntrySerializer.FromLine(l).Entry).OfType<AuditEntry>()];
    }

    public async Task<AuditVerificationResult> VerifyAsync(CancellationToken cancellationToken = default) =>
        File.Exists(Path)
            ? AuditVerifier.Verify(await File.ReadAllTextAsync(Path, cancellationToken))
            : AuditVerificationResult.Valid(0);

    public void Dispose() => _gate.Dispose();

    /// <summary>Reads where the chain ends; returns whether the file lacks a final newline.</summary>
    private async Task<bool> LoadTailAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path))
        {
            (_lastSequence, _lastHash) = (0, AuditHashing.GenesisHash);
            return false;
        }
        var text = await File.ReadAllTextAsync(Path, cancellationToken);
        var verification = AuditVerifier.Verify(text);
        if (!verification.IsValid)
        {
            throw new RunAbortedException(
                $"The audit log {Path} is damaged ({verification}). It will not be extended; keep it as evidence and start a new log.");
        }
        var last = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        var entry = last is null ? null : AuditEntrySerializer.FromLine(last).Entry;
        (_lastSequence, _lastHash) = entry is null ? (0, AuditHashing.GenesisHash) : (entry.Sequence, entry.Hash);
        return text.Length > 0 && !text.EndsWith('\n');
    }
}
