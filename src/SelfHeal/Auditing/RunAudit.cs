using System.Text.Json.Nodes;
using SelfHeal.Processes;

namespace SelfHeal.Auditing;

/// <summary>
/// Writes what the current run does to its audit log. The run is ambient: <see cref="Begin"/> (called by the
/// pipeline for the duration of a run) makes it current for the whole asynchronous flow below it, so runners,
/// git and validators record their actions without carrying a run id. Outside a run every method is a no-op.
/// Model and external API calls are recorded with <see cref="RecordAsync"/> as <see cref="AuditEntryKind.ModelCall"/>
/// and <see cref="AuditEntryKind.ApiCall"/> (actor: the model id or the service). Thread-safe.
/// </summary>
public sealed class RunAudit(AuditLogFactory logs)
{
    private static readonly AsyncLocal<Scope?> Current = new();

    /// <summary>The run being recorded in this flow, or <see langword="null"/>.</summary>
    public static string? CurrentRunId => Current.Value?.RunId;

    /// <summary>Makes <paramref name="runId"/> the current run until the returned scope is disposed.</summary>
    public IDisposable Begin(string runId)
    {
        var previous = Current.Value;
        Current.Value = new Scope(runId, logs.ForRun(runId));
        return new Restore(previous);
    }

    /// <summary>Appends <paramref name="kind"/> by <paramref name="actor"/> to the current run's log, if any.</summary>
    public async Task RecordAsync(AuditEntryKind kind, string actor, string summary, JsonNode? detail = null, CancellationToken cancellationToken = default)
    {
        if (Current.Value is { } scope)
        {
            await scope.Log.AppendAsync(new AuditRecord(scope.RunId, actor, kind, summary, detail), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Records a finished command: program, arguments (secrets redacted), exit, duration and where it ran.</summary>
    /// <param name="sandbox">The sandbox it ran in (<c>bubblewrap</c>, <c>none</c>), or <c>host</c> for SelfHeal's own tools.</param>
    /// <param name="display">The command as the summary shows it (default: the program and its arguments).</param>
    public Task CommandAsync(CommandSpec spec, CommandResult result, string sandbox, bool network, string? display = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(result);
        if (Current.Value is null)
        {
            return Task.CompletedTask;
        }
        var arguments = CommandLineRedaction.Redact(spec.Arguments);
        var detail = new JsonObject
        {
            ["program"] = spec.FileName,
            ["arguments"] = new JsonArray([.. arguments.Select(a => JsonValue.Create(a))]),
            ["workingDirectory"] = spec.WorkingDirectory,
            ["exitCode"] = result.ExitCode,
            ["durationMs"] = Math.Round(result.Duration.TotalMilliseconds, 1),
            ["sandbox"] = sandbox,
            ["network"] = network,
        };
        if (result.TimedOut)
        {
            detail["timedOut"] = true;
        }
        if (result.Containment is { } containment)
        {
            detail["containment"] = containment;
        }
        if (result.StartError is { } startError)
        {
            detail["startError"] = startError;
        }
        var program = Path.GetFileName(spec.FileName);
        var shown = display is not null ? CommandLineRedaction.RedactText(display)
            : program == "sh" && arguments.Count == 2 && arguments[0] == "-c" ? arguments[1]
            : string.Join(' ', arguments.Prepend(program));
        shown = string.Join(' ', shown.Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
        if (shown.Length > 200)
        {
            shown = shown[..200] + "…";
        }
        var outcome = result.StartError is not null ? "did not start" : result.TimedOut ? "timed out" : $"exit {result.ExitCode}";
        return RecordAsync(AuditEntryKind.Command, "selfheal", $"ran {shown} ({sandbox}): {outcome}", detail, cancellationToken);
    }

    private sealed record Scope(string RunId, IAuditLog Log);

    private sealed class Restore(Scope? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
