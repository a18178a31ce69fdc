using System.Globalization;

namespace SelfHeal.Delivery.PullRequests.GitLab;

/// <summary>
/// Opens and merges GitLab merge requests over REST v4. Opening pushes the branch and the Agent Trace notes first, and
/// returns the open merge request for the branch when there is one, so a resumed run never opens a second. Merging
/// happens only when the merge request's head pipeline succeeded.
/// </summary>
internal sealed class GitLabMergeRequestProvider(GitLabApi api, BranchPublisher publisher) : IPullRequestProvider
{
    public string Name => "gitlab";

    public async Task<PullRequestInfo> OpenAsync(PullRequestRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = api.Options;
        var pushUrl = options.ResolvedPushUrl();
        GitCredentials? credentials = IsHttp(pushUrl) ? new GitCredentials("oauth2", options.Token ?? "") : null;
        var commit = await publisher.PushAsync(request.RepositoryPath, pushUrl, request.HeadBranch, credentials, cancellationToken).ConfigureAwait(false);

        var project = api.ProjectSegment;
        if (await FindOpenAsync(request.HeadBranch, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return Info(existing, commit, created: false);
        }

        var reviewerIds = new List<long>();
        foreach (var username in request.Reviewers.Where(r => !string.IsNullOrWhiteSpace(r)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var users = await api.GetAsync<List<GitLabUser>>($"users?username={Uri.EscapeDataString(username)}", $"look up the reviewer {username}", cancellationToken).ConfigureAwait(false);
            reviewerIds.Add(users.FirstOrDefault()?.Id
                ?? throw new PullRequestException(PullRequestFailure.Rejected, $"GitLab has no user '{username}' to review the fix; check the reviewers in the policy."));
        }
        var labels = GitHub.GitHubPullRequestProvider.DefaultLabels.Concat(request.Labels).Where(l => !string.IsNullOrWhiteSpace(l)).Distinct(StringComparer.OrdinalIgnoreCase);
        var body = new Dictionary<string, object?>
        {
            ["source_branch"] = request.HeadBranch,
            ["target_branch"] = request.BaseBranch,
            ["title"] = request.Draft && !request.Title.StartsWith("Draft:", StringComparison.OrdinalIgnoreCase) ? $"Draft: {request.Title}" : request.Title,
            ["description"] = request.Body,
            ["labels"] = string.Join(',', labels),
            ["reviewer_ids"] = reviewerIds,
            ["squash"] = options.Squash,
            ["remove_source_branch"] = true,
        };
        try
        {
            var created = await api.SendAsync<GitLabMergeRequest>(HttpMethod.Post, $"projects/{project}/merge_requests", body,
                $"open a merge request from {request.HeadBranch} into {request.BaseBranch} in {options.Project}", cancellationToken).ConfigureAwait(false);
            return Info(created, commit, created: true);
        }
        catch (PullRequestException e) when (e.Failure == PullRequestFailure.Rejected && e.Message.Contains("already exists", StringComparison.OrdinalIgnoreCase))
        {
            // Another worker opened it between our look-up and our create: theirs is ours.
            var raced = await FindOpenAsync(request.HeadBranch, cancellationToken).ConfigureAwait(false);
            if (raced is null)
            {
                throw;
            }
            return Info(raced, commit, created: false);
        }
    }

    private async Task<GitLabMergeRequest?> FindOpenAsync(string branch, CancellationToken cancellationToken)
    {
        var open = await api.GetAsync<List<GitLabMergeRequest>>(
            $"projects/{api.ProjectSegment}/merge_requests?state=opened&source_branch={Uri.EscapeDataString(branch)}",
            $"look for an open merge request from {branch} in {api.Options.Project}", cancellationToken).ConfigureAwait(false);
        return open.FirstOrDefault(m => m.SourceBranch == branch);
    }

    public async Task<PullRequestInfo> MarkReadyAsync(PullRequestInfo pullRequest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pullRequest);
        if (!long.TryParse(pullRequest.Number.TrimStart('!'), NumberStyles.None, CultureInfo.InvariantCulture, out var iid))
        {
            throw new PullRequestException(PullRequestFailure.NotFound, $"'{pullRequest.Number}' is not a GitLab merge request number.");
        }
        var path = $"projects/{api.ProjectSegment}/merge_requests/{iid}";
        var mr = await api.GetAsync<GitLabMergeRequest>(path, $"read merge request !{iid} in {api.Options.Project}", cancellationToken).ConfigureAwait(false);
        if (!mr.Draft)
        {
            return pullRequest with { Draft = false };
        }
        // GitLab keeps a merge request in draft by its title's "Draft:" prefix; without it, it is ready.
        var title = (mr.Title ?? "").Trim();
        foreach (var prefix in new[] { "Draft:", "[Draft]", "(Draft)", "WIP:" })
        {
            if (title.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                title = title[prefix.Length..].TrimStart();
            }
        }
        await api.SendAsync<GitLabMergeRequest>(HttpMethod.Put, path, new Dictionary<string, object?> { ["title"] = title },
            $"mark !{iid} ready in {api.Options.Project}", cancellationToken).ConfigureAwait(false);
        return pullRequest with { Draft = false };
    }

    public async Task<MergeOutcome> MergeAsync(PullRequestInfo pullRequest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pullRequest);
        if (!long.TryParse(pullRequest.Number.TrimStart('!'), NumberStyles.None, CultureInfo.InvariantCulture, out var iid))
        {
            throw new PullRequestException(PullRequestFailure.NotFound, $"'{pullRequest.Number}' is not a GitLab merge request number.");
        }
        var options = api.Options;
        var path = $"projects/{api.ProjectSegment}/merge_requests/{iid}";
        var mr = await api.GetAsync<GitLabMergeRequest>(path, $"read merge request !{iid} in {options.Project}", cancellationToken).ConfigureAwait(false);
        switch (mr.State)
        {
            case "merged":
                return new MergeOutcome(true, $"Already merged as {mr.SquashCommitSha ?? mr.MergeCommitSha}.");
            case "closed" or "locked":
                return new MergeOutcome(false, $"Merge request !{iid} is {mr.State}; SelfHeal does not reopen it.");
        }
        if (mr.Draft)
        {
            return new MergeOutcome(false, $"Merge request !{iid} is a draft: it waits for a human's review.");
        }
        if (mr.HeadPipeline is null)
        {
            if (!options.MergeWithoutPipeline)
            {
                return new MergeOutcome(false, $"Merge request !{iid} has no pipeline, so nothing proves the fix on GitLab; set delivery.gitlab.mergeWithoutPipeline to merge anyway.");
            }
        }
        else if (mr.HeadPipeline.Status != "success")
        {
            var why = mr.HeadPipeline.Status is "failed" or "canceled" or "skipped" ? "did not pass" : "has not finished";
            return new MergeOutcome(false, $"Pipeline {mr.HeadPipeline.Id} of !{iid} {why} (status {mr.HeadPipeline.Status}). The merge request stays open.");
        }
        try
        {
            var merged = await api.SendAsync<GitLabMergeRequest>(HttpMethod.Put, $"{path}/merge", new Dictionary<string, object?> { ["sha"] = mr.Sha, ["squash"] = options.Squash },
                $"merge !{iid} in {options.Project}", cancellationToken).ConfigureAwait(false);
            return merged.State == "merged"
                ? new MergeOutcome(true, $"Merged as {merged.SquashCommitSha ?? merged.MergeCommitSha}.")
                : new MergeOutcome(false, $"GitLab accepted the merge of !{iid} but it is {merged.State} ({merged.DetailedMergeStatus}); it may merge when the pipeline ends.");
        }
        catch (PullRequestException e) when (e.Failure == PullRequestFailure.Rejected)
        {
            // 405/406: not mergeable now (conflicts, approvals, discussions); 409: the head moved since the pipeline was read.
            return new MergeOutcome(false, e.Message);
        }
    }

    private PullRequestInfo Info(GitLabMergeRequest mr, string commit, bool created) =>
        new(Name, mr.Iid.ToString(CultureInfo.InvariantCulture), mr.WebUrl, mr.SourceBranch, commit, mr.Draft, created);

    private static bool IsHttp(string url) =>
        url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase);
}
