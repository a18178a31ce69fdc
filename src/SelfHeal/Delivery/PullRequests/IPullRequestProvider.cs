namespace SelfHeal.Delivery.PullRequests;

/// <summary>
/// A place a fix branch is proposed for review: a GitHub pull request, a GitLab merge request, or a request
/// recorded in a plain bare remote. Every method is idempotent: opening the same head branch twice returns the
/// request that is already open instead of a second one.
/// </summary>
public interface IPullRequestProvider
{
    /// <summary>The provider's name in configuration and in run records: <c>github</c>, <c>gitlab</c>, <c>local</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Pushes <see cref="PullRequestRequest.HeadBranch"/> (with the Agent Trace notes) and opens the request,
    /// or returns the one already open for that branch (<see cref="PullRequestInfo.Created"/> is then false).
    /// </summary>
    /// <exception cref="PullRequestException">The forge refused or could not be reached; the message says what to do.</exception>
    Task<PullRequestInfo> OpenAsync(PullRequestRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes a draft out of draft, once a human approved the fix, so it can be merged; a request that is not a draft is
    /// returned as it is.
    /// </summary>
    /// <exception cref="PullRequestException">The forge refused or could not be reached.</exception>
    Task<PullRequestInfo> MarkReadyAsync(PullRequestInfo pullRequest, CancellationToken cancellationToken = default);

    /// <summary>
    /// Merges the request when the forge's required checks pass; otherwise leaves it open and says why.
    /// </summary>
    /// <exception cref="PullRequestException">The forge refused or could not be reached.</exception>
    Task<MergeOutcome> MergeAsync(PullRequestInfo pullRequest, CancellationToken cancellationToken = default);
}

/// <summary>What to propose.</summary>
/// <param name="RepositoryPath">A local git directory (the run's worktree) that has <paramref name="HeadBranch"/> and the notes.</param>
/// <param name="HeadBranch">The fix branch, for example <c>selfheal/01J…</c>.</param>
/// <param name="BaseBranch">The branch the fix is for, for example <c>main</c>.</param>
/// <param name="Title">One line.</param>
/// <param name="Body">Markdown: the bug, root cause, change, validation evidence, risk, cost and Agent Trace summary.</param>
/// <param name="Labels">Labels to set; always includes <c>selfheal</c> and <c>auto-fix</c>.</param>
/// <param name="Reviewers">Reviewers the policy names (logins).</param>
/// <param name="Draft">Open as a draft: the decision requires a human review first.</param>
public sealed record PullRequestRequest(
    string RepositoryPath,
    string HeadBranch,
    string BaseBranch,
    string Title,
    string Body,
    IReadOnlyList<string> Labels,
    IReadOnlyList<string> Reviewers,
    bool Draft);

/// <summary>An open (or found) request.</summary>
/// <param name="Provider">The provider's <see cref="IPullRequestProvider.Name"/>.</param>
/// <param name="Number">The forge's number (<c>#12</c>, <c>!12</c>) as text.</param>
/// <param name="Url">Where people look at it.</param>
/// <param name="HeadBranch">The fix branch.</param>
/// <param name="HeadCommit">The commit the branch pointed at when pushed.</param>
/// <param name="Draft">Whether it is a draft.</param>
/// <param name="Created">False when an existing request for the branch was found instead of opening a new one.</param>
public sealed record PullRequestInfo(string Provider, string Number, string Url, string HeadBranch, string HeadCommit, bool Draft, bool Created);

/// <summary>What a merge attempt did.</summary>
/// <param name="Merged">Whether the request is merged now.</param>
/// <param name="Detail">Why not, or the merge commit.</param>
public sealed record MergeOutcome(bool Merged, string Detail);

/// <summary>Why a forge call failed, so callers can tell a configuration mistake from a passing outage.</summary>
public enum PullRequestFailure
{
    /// <summary>The credentials were refused (401/403): fix the token or the app's installation.</summary>
    Unauthorized,

    /// <summary>The repository or branch does not exist, or the credentials cannot see it (404).</summary>
    NotFound,

    /// <summary>The forge rejected the request as invalid (422): a branch without commits, a bad reviewer, ...</summary>
    Rejected,

    /// <summary>A rate limit was hit; <see cref="PullRequestException.RetryAt"/> says when to try again.</summary>
    RateLimited,

    /// <summary>The forge could not be reached or timed out; try again later.</summary>
    Unavailable,
}

/// <summary>A forge refused or could not be reached. The message is safe to show and says what to do; it never holds a token.</summary>
public sealed class PullRequestException : Exception
{
    public PullRequestException(PullRequestFailure failure, string message, DateTimeOffset? retryAt = null, Exception? inner = null)
        : base(message, inner)
    {
        Failure = failure;
        RetryAt = retryAt;
    }

    /// <summary>What kind of failure it was.</summary>
    public PullRequestFailure Failure { get; }

    /// <summary>When a rate limit resets, when the forge said.</summary>
    public DateTimeOffset? RetryAt { get; }

    /// <summary>Whether trying again later may succeed.</summary>
    public bool Transient => Failure is PullRequestFailure.RateLimited or PullRequestFailure.Unavailable;
}
