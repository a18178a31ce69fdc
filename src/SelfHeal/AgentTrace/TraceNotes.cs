using System.Text.Json;
using SelfHeal.Git;

namespace SelfHeal.AgentTrace;

/// <summary>
/// Agent Trace records stored as git notes under <see cref="Ref"/>, one per commit. The repository is
/// configured (<c>notes.rewriteRef</c>) so that git carries a record along when the commit is amended or
/// rebased; cherry-picks are matched by patch id when read (see <see cref="TraceAttribution"/>).
/// </summary>
public sealed class TraceNotes(GitClient git)
{
    /// <summary>The notes ref: push and fetch it with the branch (<c>git push origin refs/notes/agent-trace</c>).</summary>
    public const string Ref = "refs/notes/agent-trace";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public static string Serialize(TraceRecord record) => JsonSerializer.Serialize(record, Json);

    /// <summary>Validates <paramref name="record"/> against the specification's schema and attaches it to its revision.</summary>
    public async Task WriteAsync(string repository, TraceRecord record, string authorName, string authorEmail, CancellationToken cancellationToken = default)
    {
        var json = Serialize(record);
        if (TraceSchema.Validate(json) is { Count: > 0 } problems)
        {
            throw new InvalidOperationException($"The Agent Trace record does not match the specification's schema: {string.Join("; ", problems)}");
        }
        var file = Path.Combine(Path.GetTempPath(), $"selfheal-trace-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, json, cancellationToken).ConfigureAwait(false);
        try
        {
            await git.RunCheckedAsync(repository, ["-c", $"user.name={authorName}", "-c", $"user.email={authorEmail}", "notes", $"--ref={Ref}", "add", "-f", "-F", file, record.Vcs!.Revision], cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(file);
        }
        await EnsureRewriteAsync(repository, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes git copy the notes when commits are amended or rebased (<c>notes.rewriteRef</c>), once per repository.</summary>
    public async Task EnsureRewriteAsync(string repository, CancellationToken cancellationToken = default)
    {
        var current = await git.RunAsync(repository, ["config", "--get-all", "notes.rewriteRef"], cancellationToken).ConfigureAwait(false);
        if (!current.Output.Split('\n').Any(l => l.Trim() == Ref))
        {
            await git.RunCheckedAsync(repository, ["config", "--add", "notes.rewriteRef", Ref], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The record attached to <paramref name="commit"/>, or <see langword="null"/>.</summary>
    public async Task<TraceRecord?> ReadAsync(string repository, string commit, CancellationToken cancellationToken = default)
    {
        var shown = await git.RunAsync(repository, ["notes", $"--ref={Ref}", "show", commit], cancellationToken).ConfigureAwait(false);
        if (!shown.Succeeded)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<TraceRecord>(shown.Output);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The commits that carry a record.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(string repository, CancellationToken cancellationToken = default)
    {
        var listed = await git.RunAsync(repository, ["notes", $"--ref={Ref}", "list"], cancellationToken).ConfigureAwait(false);
        return listed.Succeeded
            ? [.. listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).Where(p => p.Length == 2).Select(p => p[1].Trim())]
            : [];
    }
}
