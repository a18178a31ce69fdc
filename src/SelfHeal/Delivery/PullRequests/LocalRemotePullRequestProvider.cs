using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using SelfHeal.Git;

namespace SelfHeal.Delivery.PullRequests;

/// <summary>
/// Pull requests for teams without a forge (and for <c>selfheal demo</c>): the branch and its Agent Trace notes are
/// pushed to a plain git remote, and each request is recorded in that remote as a small commit under
/// <c>refs/selfheal/requests/&lt;n&gt;</c> holding <c>request.json</c> and <c>body.md</c>
/// (<c>git show refs/selfheal/requests/1:body.md</c>). Merging fast-forwards or merges the base branch in the remote
/// when the branches do not conflict. All bookkeeping happens in a scratch repository, never in the user's.
/// </summary>
public sealed class LocalRemotePullRequestProvider(GitClient git, BranchPublisher publisher, IOptions<LocalRemoteOptions> options, TimeProvider timeProvider) : IPullRequestProvider
{
    /// <summary>Where requests live in the remote.</summary>
    public const string RequestsPrefix = "refs/selfheal/requests/";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    private readonly LocalRemoteOptions _options = options.Value;

    /// <inheritdoc/>
    public string Name => "local";

    /// <inheritdoc/>
    public async Task<PullRequestInfo> OpenAsync(PullRequestRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var remote = Remote();
        var head = await publisher.PushAsync(request.RepositoryPath, remote, request.HeadBranch, cancellationToken: cancellationToken).ConfigureAwait(false);
        using var scratch = await ScratchAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var existing = await ReadRequestsAsync(scratch.Path, remote, cancellationToken).ConfigureAwait(false);
            if (existing.FirstOrDefault(r => r.Head == request.HeadBranch) is { } found)
            {
                return Info(found, created: false);
            }
            var record = new RequestRecord(
                existing.Count == 0 ? 1 : existing.Max(r => r.Number) + 1, request.Title, request.HeadBranch, request.BaseBranch, head,
                request.Draft, "open", [.. request.Labels], [.. request.Reviewers], timeProvider.GetUtcNow(), null);
            var commit = await WriteRecordAsync(scratch.Path, record, request.Body, parent: null, cancellationToken).ConfigureAwait(false);
            // A new ref: the push fails if another process took the number first; then read again and take the next.
            var push = await git.RunAsync(scratch.Path, ["push", "--porcelain", remote, $"{commit}:{RequestsPrefix}{record.Number.ToString(CultureInfo.InvariantCulture)}"], cancellationToken).ConfigureAwait(false);
            if (push.Succeeded)
            {
                return Info(record, created: true);
            }
            if (attempt >= 5)
            {
                throw new PullRequestException(PullRequestFailure.Rejected, $"The remote {BranchPublisher.RedactedUrl(remote)} refused the request record: {FirstLine(push.Output)}");
            }
        }
    }

    /// <inheritdoc/>
    public async Task<PullRequestInfo> MarkReadyAsync(PullRequestInfo pullRequest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pullRequest);
        var remote = Remote();
        using var scratch = await ScratchAsync(cancellationToken).ConfigureAwait(false);
        var record = (await ReadRequestsAsync(scratch.Path, remote, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(r => r.Number.ToString(CultureInfo.InvariantCulture) == pullRequest.Number)
            ?? throw new PullRequestException(PullRequestFailure.NotFound, $"Request {pullRequest.Number} is not in {BranchPublisher.RedactedUrl(remote)}.");
        if (!record.Draft)
        {
            return Info(record, created: false);
        }
        var number = record.Number.ToString(CultureInfo.InvariantCulture);
        var body = await git.RunCheckedAsync(scratch.Path, ["show", $"refs/requests/{number}:body.md"], cancellationToken).ConfigureAwait(false);
        var parent = await git.RunCheckedAsync(scratch.Path, ["rev-parse", $"refs/requests/{number}"], cancellationToken).ConfigureAwait(false);
        var ready = record with { Draft = false };
        var commit = await WriteRecordAsync(scratch.Path, ready, body + "\n", parent, cancellationToken).ConfigureAwait(false);
        var push = await git.RunAsync(scratch.Path, ["push", "--porcelain", remote, $"{commit}:{RequestsPrefix}{number}"], cancellationToken).ConfigureAwait(false);
        if (!push.Succeeded)
        {
            throw new PullRequestException(PullRequestFailure.Rejected, $"The remote {BranchPublisher.RedactedUrl(remote)} refused the update of request {number}: {FirstLine(push.Output)}");
        }
        return Info(ready, created: false);
    }

    /// <inheritdoc/>
    public async Task<MergeOutcome> MergeAsync(PullRequestInfo pullRequest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pullRequest);
        var remote = Remote();
        using var scratch = await ScratchAsync(cancellationToken).ConfigureAwait(false);
        var requests = await ReadRequestsAsync(scratch.Path, remote, cancellationToken).ConfigureAwait(false);
        var record = requests.FirstOrDefault(r => r.Number.ToString(CultureInfo.InvariantCulture) == pullRequest.Number)
            ?? throw new PullRequestException(PullRequestFailure.NotFound, $"Request {pullRequest.Number} is not in {BranchPublisher.RedactedUrl(remote)}.");
        if (record.State == "merged")
        {
            return new MergeOutcome(true, $"already merged as {record.MergeCommit}");
        }
        if (record.Draft)
        {
            return new MergeOutcome(false, "the request is a draft: it waits for a human review");
        }
        var fetch = await git.RunAsync(scratch.Path, ["fetch", "--no-tags", remote, $"+refs/heads/{record.Base}:refs/base", $"+refs/heads/{record.Head}:refs/head"], cancellationToken).ConfigureAwait(false);
        if (!fetch.Succeeded)
        {
            throw new PullRequestException(PullRequestFailure.NotFound, $"Could not fetch {record.Base} and {record.Head} from {BranchPublisher.RedactedUrl(remote)}: {FirstLine(fetch.Output)}");
        }
        var headCommit = await git.RunCheckedAsync(scratch.Path, ["rev-parse", "refs/head"], cancellationToken).ConfigureAwait(false);
        if (headCommit != record.HeadCommit)
        {
            return new MergeOutcome(false, $"the branch {record.Head} moved since the request was opened ({record.HeadCommit[..12]} → {headCommit[..12]}); review it again");
        }
        string merged;
        if ((await git.RunAsync(scratch.Path, ["merge-base", "--is-ancestor", "refs/base", "refs/head"], cancellationToken).ConfigureAwait(false)).Succeeded)
        {
            merged = headCommit;
        }
        else
        {
            var tree = await git.RunAsync(scratch.Path, ["merge-tree", "--write-tree", "--no-messages", "refs/base", "refs/head"], cancellationToken).ConfigureAwait(false);
            if (!tree.Succeeded)
            {
                return new MergeOutcome(false, $"{record.Head} conflicts with {record.Base}: a human must resolve it");
            }
            merged = await git.RunCheckedAsync(scratch.Path, [.. Identity(), "commit-tree", FirstLine(tree.Output), "-p", "refs/base", "-p", "refs/head", "-m", $"Merge request {record.Number}: {record.Title}"], cancellationToken).ConfigureAwait(false);
        }
        // A plain push only fast-forwards: if the base moved meanwhile, nothing is lost and the merge is tried later.
        var push = await git.RunAsync(scratch.Path, ["push", "--porcelain", remote, $"{merged}:refs/heads/{record.Base}"], cancellationToken).ConfigureAwait(false);
        if (!push.Succeeded)
        {
            return new MergeOutcome(false, $"{record.Base} moved while merging; try again ({FirstLine(push.Output)})");
        }
        var body = await git.RunCheckedAsync(scratch.Path, ["show", $"refs/requests/{record.Number}:body.md"], cancellationToken).ConfigureAwait(false);
        var parent = await git.RunCheckedAsync(scratch.Path, ["rev-parse", $"refs/requests/{record.Number}"], cancellationToken).ConfigureAwait(false);
        var updated = await WriteRecordAsync(scratch.Path, record with { State = "merged", MergeCommit = merged }, body + "\n", parent, cancellationToken).ConfigureAwait(false);
        await git.RunAsync(scratch.Path, ["push", "--porcelain", remote, $"{updated}:{RequestsPrefix}{record.Number.ToString(CultureInfo.InvariantCulture)}"], cancellationToken).ConfigureAwait(false);
        return new MergeOutcome(true, $"{record.Base} is at {merged[..12]}");
    }

    private string Remote() => string.IsNullOrWhiteSpace(_options.RemoteUrl)
        ? throw new PullRequestException(PullRequestFailure.NotFound, "No remote is configured for local pull requests (delivery.local.remote).")
        : _options.RemoteUrl;

    private string[] Identity() => ["-c", $"user.name={_options.AuthorName}", "-c", $"user.email={_options.AuthorEmail}"];

    private async Task<IReadOnlyList<RequestRecord>> ReadRequestsAsync(string scratch, string remote, CancellationToken cancellationToken)
    {
        var fetch = await git.RunAsync(scratch, ["fetch", "--no-tags", "--prune", remote, $"+{RequestsPrefix}*:refs/requests/*"], cancellationToken).ConfigureAwait(false);
        if (!fetch.Succeeded)
        {
            throw new PullRequestException(
                fetch.Output.Contains("does not appear to be a git repository", StringComparison.OrdinalIgnoreCase) ? PullRequestFailure.NotFound : PullRequestFailure.Unavailable,
                $"Could not read the requests in {BranchPublisher.RedactedUrl(remote)}: {FirstLine(fetch.Output)}");
        }
        var refs = await git.RunCheckedAsync(scratch, ["for-each-ref", "--format=%(refname)", "refs/requests/"], cancellationToken).ConfigureAwait(false);
        var records = new List<RequestRecord>();
        foreach (var name in refs.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var json = await git.RunAsync(scratch, ["show", $"{name}:request.json"], cancellationToken).ConfigureAwait(false);
            if (json.Succeeded && TryRead(json.Output) is { } record)
            {
                records.Add(record);
            }
        }
        return records;
    }

    private static RequestRecord? TryRead(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<RequestRecord>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<string> WriteRecordAsync(string scratch, RequestRecord record, string body, string? parent, CancellationToken cancellationToken)
    {
        var jsonFile = Path.Combine(scratch, "request.json");
        var bodyFile = Path.Combine(scratch, "body.md");
        await File.WriteAllTextAsync(jsonFile, JsonSerializer.Serialize(record, Json) + "\n", cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(bodyFile, body, cancellationToken).ConfigureAwait(false);
        var jsonBlob = await git.RunCheckedAsync(scratch, ["hash-object", "-w", jsonFile], cancellationToken).ConfigureAwait(false);
        var bodyBlob = await git.RunCheckedAsync(scratch, ["hash-object", "-w", bodyFile], cancellationToken).ConfigureAwait(false);
        var index = new Dictionary<string, string?> { ["GIT_INDEX_FILE"] = Path.Combine(scratch, "request.index") };
        File.Delete(index["GIT_INDEX_FILE"]!);
        foreach (var (blob, name) in new[] { (jsonBlob, "request.json"), (bodyBlob, "body.md") })
        {
            var added = await git.RunAsync(scratch, ["update-index", "--add", "--cacheinfo", $"100644,{blob},{name}"], index, cancellationToken).ConfigureAwait(false);
            if (!added.Succeeded)
            {
                throw new GitException($"git update-index failed: {added.Output.Trim()}");
            }
        }
        var tree = await git.RunAsync(scratch, ["write-tree"], index, cancellationToken).ConfigureAwait(false);
        if (!tree.Succeeded)
        {
            throw new GitException($"git write-tree failed: {tree.Output.Trim()}");
        }
        string[] parents = parent is null ? [] : ["-p", parent];
        return await git.RunCheckedAsync(scratch, [.. Identity(), "commit-tree", tree.Output.Trim(), .. parents, "-m", $"SelfHeal request {record.Number}: {record.Title}"], cancellationToken).ConfigureAwait(false);
    }

    private PullRequestInfo Info(RequestRecord record, bool created) => new(
        Name, record.Number.ToString(CultureInfo.InvariantCulture), UrlOf(record.Number), record.Head, record.HeadCommit, record.Draft, created);

    private string UrlOf(int number)
    {
        var remote = BranchPublisher.RedactedUrl(_options.RemoteUrl);
        var url = Uri.TryCreate(remote, UriKind.Absolute, out var uri) ? uri.ToString() : new Uri(Path.GetFullPath(remote)).ToString();
        return $"{url}#{RequestsPrefix}{number.ToString(CultureInfo.InvariantCulture)}";
    }

    private async Task<Scratch> ScratchAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"selfheal-requests-{Guid.NewGuid():N}");
        await git.RunCheckedAsync(Path.GetTempPath(), ["init", "-q", "--bare", path], cancellationToken).ConfigureAwait(false);
        return new Scratch(path);
    }

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";

    private sealed record RequestRecord(
        int Number, string Title, string Head, string Base, string HeadCommit, bool Draft, string State,
        IReadOnlyList<string> Labels, IReadOnlyList<string> Reviewers, DateTimeOffset CreatedAt, string? MergeCommit);

    private sealed class Scratch(string path) : IDisposable
    {
        public string Path { get; } = path;

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // A scratch repository left in the temporary folder is harmless.
            }
        }
    }
}
