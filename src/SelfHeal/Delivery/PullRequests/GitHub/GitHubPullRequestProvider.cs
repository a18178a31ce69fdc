using System.Net;
using Octokit;

namespace SelfHeal.Delivery.PullRequests.GitHub;

/// <summary>
/// Opens and merges GitHub pull requests with Octokit. Opening pushes the branch and the Agent Trace notes first, and
/// returns the open pull request for the branch when there is one, so a resumed run never opens a second. Merging
/// happens only when every status and check run on the head commit has passed.
/// </summary>
internal sealed class GitHubPullRequestProvider(GitHubConnection connection, BranchPublisher publisher) : IPullRequestProvider
{
    /// <summary>Labels every SelfHeal pull request carries.</summary>
    public static readonly IReadOnlyList<string> DefaultLabels = ["selfheal", "auto-fix"];

    public string Name => "github";

    private GitHubRepository Repository => GitHubRepository.TryParse(connection.Options.Repository, out var repository)
        ? repository
        : throw new PullRequestException(PullRequestFailure.NotFound, $"delivery.github.repository must be owner/name, not '{connection.Options.Repository}'.");

    public async Task<PullRequestInfo> OpenAsync(PullRequestRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var repo = Repository;
        var pushUrl = connection.Options.ResolvedPushUrl();
        GitCredentials? credentials = IsHttp(pushUrl) ? new GitCredentials("x-access-token", await connection.GetTokenAsync(cancellationToken).ConfigureAwait(false)) : null;
        var commit = await publisher.PushAsync(request.RepositoryPath, pushUrl, request.HeadBranch, credentials, cancellationToken).ConfigureAwait(false);

        var labels = DefaultLabels.Concat(request.Labels).Where(l => !string.IsNullOrWhiteSpace(l)).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        if (await FindOpenAsync(repo, request.HeadBranch, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            await AddLabelsAsync(repo, existing.Number, labels, cancellationToken).ConfigureAwait(false);
            return Info(existing, commit, created: false);
        }

        var create = new NewPullRequest(request.Title, request.HeadBranch, request.BaseBranch) { Body = request.Body, Draft = request.Draft };
        PullRequest pull;
        try
        {
            pull = await connection.CallAsync(c => c.PullRequest.Create(repo.Owner, repo.Name, create), $"open a pull request from {request.HeadBranch} into {request.BaseBranch} in {repo}", cancellationToken).ConfigureAwait(false);
        }
        catch (PullRequestException e) when (e.Failure == PullRequestFailure.Rejected && e.Message.Contains("already exists", StringComparison.OrdinalIgnoreCase))
        {
            // Another worker opened it between our look-up and our create: theirs is ours.
            var raced = await FindOpenAsync(repo, request.HeadBranch, cancellationToken).ConfigureAwait(false);
            if (raced is null)
            {
                throw;
            }
            await AddLabelsAsync(repo, raced.Number, labels, cancellationToken).ConfigureAwait(false);
            return Info(raced, commit, created: false);
        }
        await AddLabelsAsync(repo, pull.Number, labels, cancellationToken).ConfigureAwait(false);
        var reviewers = request.Reviewers.Where(r => !string.IsNullOrWhiteSpace(r)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (reviewers.Count > 0)
        {
            await connection.CallAsync(c => c.PullRequest.ReviewRequest.Create(repo.Owner, repo.Name, pull.Number, new PullRequestReviewRequest(reviewers, [])),
                $"request reviews from {string.Join(", ", reviewers)} on pull request #{pull.Number}", cancellationToken).ConfigureAwait(false);
        }
        return Info(pull, commit, created: true);
    }

    public async Task<PullRequestInfo> MarkReadyAsync(PullRequestInfo pullRequest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pullRequest);
        var repo = Repository;
        if (!int.TryParse(pullRequest.Number.TrimStart('#'), System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            throw new PullRequestException(PullRequestFailure.NotFound, $"'{pullRequest.Number}' is not a GitHub pull request number.");
        }
        var pull = await connection.CallAsync(c => c.PullRequest.Get(repo.Owner, repo.Name, number), $"read pull request #{number} in {repo}", cancellationToken).ConfigureAwait(false);
        if (!pull.Draft)
        {
            return pullRequest with { Draft = false };
        }
        // The REST API cannot take a pull request out of draft; GraphQL's markPullRequestReadyForReview can.
        await connection.GraphQlAsync(
            "mutation($id: ID!) { markPullRequestReadyForReview(input: {pullRequestId: $id}) { pullRequest { isDraft } } }",
            new { id = pull.NodeId }, $"mark pull request #{number} ready for review", cancellationToken).ConfigureAwait(false);
        return pullRequest with { Draft = false };
    }

    public async Task<MergeOutcome> MergeAsync(PullRequestInfo pullRequest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pullRequest);
        var repo = Repository;
        if (!int.TryParse(pullRequest.Number.TrimStart('#'), System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            throw new PullRequestException(PullRequestFailure.NotFound, $"'{pullRequest.Number}' is not a GitHub pull request number.");
        }
        var pull = await connection.CallAsync(c => c.PullRequest.Get(repo.Owner, repo.Name, number), $"read pull request #{number} in {repo}", cancellationToken).ConfigureAwait(false);
        if (pull.Merged)
        {
            return new MergeOutcome(true, $"Already merged as {pull.MergeCommitSha}.");
        }
        if (pull.State.Value == ItemState.Closed)
        {
            return new MergeOutcome(false, $"Pull request #{number} is closed; SelfHeal does not reopen it.");
        }
        if (pull.Draft)
        {
            return new MergeOutcome(false, $"Pull request #{number} is a draft: it waits for a human's review.");
        }
        var sha = pull.Head.Sha;
        var checks = await ChecksAsync(repo, sha, cancellationToken).ConfigureAwait(false);
        if (checks is not null)
        {
            return new MergeOutcome(false, checks);
        }
        var merge = new MergePullRequest { Sha = sha, MergeMethod = connection.Options.MergeMethod switch
        {
            GitHubMergeMethod.Merge => PullRequestMergeMethod.Merge,
            GitHubMergeMethod.Rebase => PullRequestMergeMethod.Rebase,
            _ => PullRequestMergeMethod.Squash,
        } };
        try
        {
            var merged = await connection.CallAsync(c => c.PullRequest.Merge(repo.Owner, repo.Name, number, merge), $"merge pull request #{number} in {repo}", cancellationToken).ConfigureAwait(false);
            return merged.Merged
                ? new MergeOutcome(true, $"Merged as {merged.Sha}.")
                : new MergeOutcome(false, $"GitHub did not merge #{number}: {merged.Message}");
        }
        catch (PullRequestException e) when (e.InnerException is ApiException { StatusCode: HttpStatusCode.MethodNotAllowed or HttpStatusCode.Conflict } api)
        {
            // 405: not mergeable (conflicts, branch protection); 409: the head moved since the checks were read.
            return new MergeOutcome(false, $"GitHub would not merge #{number}: {GitHubErrors.Detail(api)}");
        }
    }

    /// <summary>Null when every status and check run on <paramref name="sha"/> passed; otherwise why not.</summary>
    private async Task<string?> ChecksAsync(GitHubRepository repo, string sha, CancellationToken cancellationToken)
    {
        var combined = await connection.CallAsync(c => c.Repository.Status.GetCombined(repo.Owner, repo.Name, sha), $"read the statuses of {sha[..Math.Min(12, sha.Length)]}", cancellationToken).ConfigureAwait(false);
        var runs = await connection.CallAsync(c => c.Check.Run.GetAllForReference(repo.Owner, repo.Name, sha), $"read the check runs of {sha[..Math.Min(12, sha.Length)]}", cancellationToken).ConfigureAwait(false);
        var failed = new List<string>();
        var pending = new List<string>();
        foreach (var status in combined.Statuses ?? [])
        {
            var state = status.State.Value;
            (state == CommitState.Success ? null : state == CommitState.Pending ? pending : failed)?.Add(status.Context);
        }
        foreach (var run in runs.CheckRuns ?? [])
        {
            if (run.Status.Value != CheckStatus.Completed)
            {
                pending.Add(run.Name);
            }
            else if (run.Conclusion?.Value is not (CheckConclusion.Success or CheckConclusion.Neutral or CheckConclusion.Skipped))
            {
                failed.Add(run.Name);
            }
        }
        if (failed.Count > 0)
        {
            return $"Checks failed on {sha[..Math.Min(12, sha.Length)]}: {string.Join(", ", failed)}. The pull request stays open.";
        }
        if (pending.Count > 0)
        {
            return $"Checks still running on {sha[..Math.Min(12, sha.Length)]}: {string.Join(", ", pending)}. Try again when they finish.";
        }
        if (combined.TotalCount == 0 && (runs.CheckRuns?.Count ?? 0) == 0 && !connection.Options.MergeWithoutChecks)
        {
            return $"No checks reported on {sha[..Math.Min(12, sha.Length)]}, so nothing proves the fix on GitHub; set delivery.github.mergeWithoutChecks to merge anyway.";
        }
        return null;
    }

    private async Task<PullRequest?> FindOpenAsync(GitHubRepository repo, string branch, CancellationToken cancellationToken)
    {
        var filter = new Octokit.PullRequestRequest { State = ItemStateFilter.Open, Head = $"{repo.Owner}:{branch}" };
        var open = await connection.CallAsync(c => c.PullRequest.GetAllForRepository(repo.Owner, repo.Name, filter), $"look for an open pull request from {branch} in {repo}", cancellationToken).ConfigureAwait(false);
        return open.FirstOrDefault(p => p.Head?.Ref == branch);
    }

    private async Task AddLabelsAsync(GitHubRepository repo, int number, string[] labels, CancellationToken cancellationToken)
    {
        if (labels.Length > 0)
        {
            await connection.CallAsync(c => c.Issue.Labels.AddToIssue(repo.Owner, repo.Name, number, labels), $"label pull request #{number} in {repo}", cancellationToken).ConfigureAwait(false);
        }
    }

    private PullRequestInfo Info(PullRequest pull, string commit, bool created) =>
        new(Name, pull.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), pull.HtmlUrl, pull.Head?.Ref ?? "", commit, pull.Draft, created);

    private static bool IsHttp(string url) =>
        url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase);
}
