using System.Globalization;
using SelfHeal.Git;

namespace SelfHeal.AgentTrace;

/// <summary>One line of a file with who wrote it.</summary>
/// <param name="Line">1-based line in the current file.</param>
/// <param name="Commit">The commit that last changed the line (git blame, whitespace ignored, moves and copies followed).</param>
/// <param name="Author">That commit's author.</param>
/// <param name="Contributor"><c>human</c>, <c>ai</c> or <c>mixed</c> (a person edited an AI's output).</param>
/// <param name="ModelId">The model or engine, for AI lines.</param>
/// <param name="RunId">The SelfHeal run that wrote it, for AI lines.</param>
/// <param name="Report">The title of the bug report that run fixed.</param>
/// <param name="Via">How the trace was found: <c>note</c> (the commit's own), <c>patch-id</c> (a cherry-pick or rebase of a traced commit), <c>content-hash</c> (the same code in a traced commit).</param>
public sealed record LineAttribution(int Line, string Commit, string Author, string Contributor, string? ModelId, string? RunId, string? Report, string? Via, string Text);

/// <summary>
/// <c>selfheal blame</c>: git blame joined with Agent Trace records. A commit without its own record
/// is matched to a traced one by patch id (cherry-picks, rebases that did not carry notes), then by the
/// content hashes of the blocks it added (the same code, moved or re-committed).
/// </summary>
public sealed class TraceAttribution(GitClient git, TraceNotes notes)
{
    /// <summary>Every line of <paramref name="file"/> (or only <paramref name="line"/>), as of <paramref name="revision"/> (default: the working tree).</summary>
    public async Task<IReadOnlyList<LineAttribution>> BlameAsync(string repository, string file, int? line = null, string? revision = null, CancellationToken cancellationToken = default)
    {
        List<string> arguments = ["blame", "--line-porcelain", "-w", "-M", "-C"];
        if (line is { } only)
        {
            arguments.AddRange(["-L", $"{only},{only}"]);
        }
        if (revision is not null)
        {
            arguments.Add(revision);
        }
        arguments.AddRange(["--", file]);
        var blame = await git.RunAsync(repository, arguments, cancellationToken).ConfigureAwait(false);
        if (!blame.Succeeded)
        {
            throw new GitException($"git blame {file} failed: {blame.Output.Trim()}");
        }
        var lines = ParsePorcelain(blame.Output);
        var index = new Lazy<Task<TraceIndex>>(() => TraceIndex.BuildAsync(git, notes, repository, cancellationToken));
        var perCommit = new Dictionary<string, CommitTrace?>(StringComparer.Ordinal);
        var result = new List<LineAttribution>();
        foreach (var l in lines)
        {
            if (!perCommit.TryGetValue(l.Commit, out var trace))
            {
                trace = await FindAsync(repository, l.Commit, index, cancellationToken).ConfigureAwait(false);
                perCommit[l.Commit] = trace;
            }
            var contributor = trace?.ContributorAt(l.OriginalPath, l.OriginalLine, l.Text);
            result.Add(new LineAttribution(l.FinalLine, l.Commit, l.Author, contributor?.Type ?? "human", contributor?.ModelId,
                contributor is null ? null : trace!.RunId, contributor is null ? null : trace!.Report, contributor is null ? null : trace!.Via, l.Text));
        }
        return result;
    }

    private async Task<CommitTrace?> FindAsync(string repository, string commit, Lazy<Task<TraceIndex>> index, CancellationToken cancellationToken)
    {
        if (commit.All(c => c == '0'))
        {
            return null; // not committed yet
        }
        if (await notes.ReadAsync(repository, commit, cancellationToken).ConfigureAwait(false) is { } own)
        {
            return new CommitTrace(own, "note", null);
        }
        var traces = await index.Value.ConfigureAwait(false);
        if (traces.IsEmpty)
        {
            return null;
        }
        if (await PatchIdAsync(git, repository, commit, cancellationToken).ConfigureAwait(false) is { } patchId && traces.ByPatchId.TryGetValue(patchId, out var picked))
        {
            return new CommitTrace(picked, "patch-id", null);
        }
        var diff = await git.RunAsync(repository, ["show", "--format=", "-U0", "--no-color", "--no-ext-diff", "--no-renames", commit], cancellationToken).ConfigureAwait(false);
        var matched = AddedLines.Parse(diff.Output)
            .Where(b => traces.ByContentHash.ContainsKey(b.ContentHash))
            .Select(b => (Block: b, Found: traces.ByContentHash[b.ContentHash]))
            .ToList();
        return matched.Count == 0 ? null : new CommitTrace(matched[0].Found.Record, "content-hash", [.. matched.Select(m => (m.Block, m.Found.Contributor))]);
    }

    /// <summary>
    /// A commit's patch id, in the spirit of <c>git patch-id --stable</c>: a hash of the files it changes and of its
    /// added and removed lines with whitespace and line numbers dropped, so a cherry-pick or rebase of it has the same id.
    /// </summary>
    internal static async Task<string?> PatchIdAsync(GitClient git, string repository, string commit, CancellationToken cancellationToken)
    {
        var diff = await git.RunAsync(repository, ["show", "--format=", "--no-color", "--no-ext-diff", "--no-renames", commit], cancellationToken).ConfigureAwait(false);
        if (!diff.Succeeded || diff.Output.Length == 0)
        {
            return null;
        }
        var meaningful = diff.Output.Split('\n')
            .Where(l => l.StartsWith("diff --git ", StringComparison.Ordinal) || ((l.StartsWith('+') || l.StartsWith('-')) && !l.StartsWith("+++", StringComparison.Ordinal) && !l.StartsWith("---", StringComparison.Ordinal)))
            .Select(l => new string([.. l.Where(c => !char.IsWhiteSpace(c))]));
        return TraceContent.Hash(meaningful);
    }

    private static List<BlameLine> ParsePorcelain(string output)
    {
        var lines = new List<BlameLine>();
        string? commit = null, author = null, path = null;
        int original = 0, final = 0;
        foreach (var raw in output.Split('\n'))
        {
            if (raw.StartsWith('\t'))
            {
                if (commit is not null)
                {
                    lines.Add(new BlameLine(commit, original, final, author ?? "", path ?? "", raw[1..]));
                }
                continue;
            }
            var parts = raw.Split(' ');
            if (parts.Length >= 3 && parts[0].Length == 40 && parts[0].All(Uri.IsHexDigit))
            {
                commit = parts[0];
                original = int.Parse(parts[1], CultureInfo.InvariantCulture);
                final = int.Parse(parts[2], CultureInfo.InvariantCulture);
            }
            else if (raw.StartsWith("author ", StringComparison.Ordinal))
            {
                author = raw[7..];
            }
            else if (raw.StartsWith("filename ", StringComparison.Ordinal))
            {
                path = raw[9..];
            }
        }
        return lines;
    }

    private sealed record BlameLine(string Commit, int OriginalLine, int FinalLine, string Author, string OriginalPath, string Text);

    /// <summary>The trace found for one commit and how; <paramref name="Blocks"/> set when matched by content.</summary>
    private sealed record CommitTrace(TraceRecord Record, string Via, IReadOnlyList<(AddedBlock Block, TraceContributor Contributor)>? Blocks)
    {
        public string? RunId => Meta("runId");

        public string? Report => Meta("report");

        public TraceContributor? ContributorAt(string path, int line, string text)
        {
            if (Blocks is not null)
            {
                return Blocks.FirstOrDefault(b => b.Block.Path == path && line >= b.Block.StartLine && line <= b.Block.EndLine).Contributor;
            }
            foreach (var file in Record.Files.Where(f => f.Path == path))
            {
                foreach (var conversation in file.Conversations)
                {
                    if (conversation.Ranges.FirstOrDefault(r => line >= r.StartLine && line <= r.EndLine) is { } range)
                    {
                        return range.Contributor ?? conversation.Contributor ?? new TraceContributor("unknown");
                    }
                }
            }
            // A cherry-picked or rebased commit can shift lines; its file's ranges still name the code by content.
            if (Via == "patch-id" && Record.Files.Where(f => f.Path == path).SelectMany(f => f.Conversations).FirstOrDefault() is { } only
                && only.Ranges.Any(r => r.StartLine == r.EndLine && r.ContentHash == TraceContent.Hash([text])))
            {
                return only.Contributor;
            }
            return null;
        }

        private string? Meta(string key) =>
            Record.Metadata?[TraceRecord.MetadataKey]?[key]?.GetValue<string>();
    }

    /// <summary>Every traced commit of the repository, by patch id and by the content hash of each range.</summary>
    private sealed class TraceIndex
    {
        public Dictionary<string, TraceRecord> ByPatchId { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, (TraceRecord Record, TraceContributor Contributor)> ByContentHash { get; } = new(StringComparer.Ordinal);

        public bool IsEmpty => ByPatchId.Count == 0 && ByContentHash.Count == 0;

        public static async Task<TraceIndex> BuildAsync(GitClient git, TraceNotes notes, string repository, CancellationToken cancellationToken)
        {
            var index = new TraceIndex();
            foreach (var commit in await notes.ListAsync(repository, cancellationToken).ConfigureAwait(false))
            {
                if (await notes.ReadAsync(repository, commit, cancellationToken).ConfigureAwait(false) is not { } record)
                {
                    continue;
                }
                if (await PatchIdAsync(git, repository, commit, cancellationToken).ConfigureAwait(false) is { } patchId)
                {
                    index.ByPatchId.TryAdd(patchId, record);
                }
                foreach (var conversation in record.Files.SelectMany(f => f.Conversations))
                {
                    foreach (var range in conversation.Ranges.Where(r => r.ContentHash is not null))
                    {
                        index.ByContentHash.TryAdd(range.ContentHash!, (record, range.Contributor ?? conversation.Contributor ?? new TraceContributor("unknown")));
                    }
                }
            }
            return index;
        }
    }
}
