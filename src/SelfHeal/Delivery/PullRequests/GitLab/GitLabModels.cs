namespace SelfHeal.Delivery.PullRequests.GitLab;

/// <summary>The fields of GitLab's merge request resource SelfHeal reads.</summary>
internal sealed record GitLabMergeRequest(
    long Iid,
    string WebUrl,
    string State,
    string SourceBranch,
    bool Draft,
    string? Sha,
    GitLabPipeline? HeadPipeline,
    string? MergeCommitSha,
    string? SquashCommitSha,
    string? DetailedMergeStatus,
    string? Title = null);

/// <summary>A pipeline's id and status (<c>success</c>, <c>running</c>, <c>failed</c>, ...).</summary>
internal sealed record GitLabPipeline(long Id, string Status);

/// <summary>A user found by username.</summary>
internal sealed record GitLabUser(long Id, string Username);
