using System.Reflection;
using System.Text.Json.Nodes;
using SelfHeal.Git;

namespace SelfHeal.AgentTrace;

/// <summary>Who wrote a commit's added lines and why: what a trace record says about its author.</summary>
/// <param name="ContributorType"><c>ai</c> for an engine or a model, <c>mixed</c> when a person edited its output.</param>
/// <param name="ModelId"><c>provider/model</c>: <c>openai/gpt-4.1</c>, or <c>selfheal/csharp-templates</c> for the offline engines.</param>
/// <param name="ConversationUrl">Where the conversation or run can be looked up (<c>selfheal://runs/ID</c>).</param>
/// <param name="Metadata">SelfHeal's own data, stored under <see cref="TraceRecord.MetadataKey"/>: run, report, engine, template.</param>
public sealed record TraceAuthor(string ContributorType, string ModelId, string ConversationUrl, JsonObject Metadata)
{
    /// <summary>Links to where the bug came from (an issue, an alert), each a URI.</summary>
    public IReadOnlyList<TraceRelated> Related { get; init; } = [];
}

/// <summary>Builds the Agent Trace record of a commit from its diff: one range per block of added lines.</summary>
public sealed class TraceRecorder(GitClient git, TimeProvider timeProvider)
{
    private static readonly string ToolVersion =
        typeof(TraceRecorder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public async Task<TraceRecord> RecordAsync(string repository, string commit, TraceAuthor author, CancellationToken cancellationToken = default)
    {
        var revision = await git.RunCheckedAsync(repository, ["rev-parse", "--verify", commit + "^{commit}"], cancellationToken).ConfigureAwait(false);
        var diff = await git.RunCheckedAsync(repository, ["show", "--format=", "-U0", "--no-color", "--no-ext-diff", "--no-renames", revision], cancellationToken).ConfigureAwait(false);
        var contributor = new TraceContributor(author.ContributorType) { ModelId = author.ModelId };
        var files = AddedLines.Parse(diff)
            .GroupBy(b => b.Path, StringComparer.Ordinal)
            .Select(g => new TraceFile(g.Key,
            [
                new TraceConversation([.. g.Select(b => new TraceRange(b.StartLine, b.EndLine) { ContentHash = b.ContentHash })])
                {
                    Url = author.ConversationUrl,
                    Contributor = contributor,
                    Related = author.Related.Count > 0 ? author.Related : null,
                },
            ]))
            .ToList();
        return new TraceRecord(TraceRecord.CurrentVersion, Guid.NewGuid().ToString(), timeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), files)
        {
            Vcs = new TraceVcs("git", revision),
            Tool = new TraceTool("selfheal", ToolVersion),
            Metadata = new JsonObject { [TraceRecord.MetadataKey] = author.Metadata.DeepClone() },
        };
    }
}
