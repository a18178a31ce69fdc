namespace SelfHeal.Delivery.PullRequests.GitHub;

/// <summary>
/// How SelfHeal reaches GitHub (or GitHub Enterprise) for pull requests and issue comments. Authenticate with either a
/// personal access token (<see cref="Token"/>) or a GitHub App (<see cref="AppId"/>, a private key and
/// <see cref="InstallationId"/>); configuration keys live under <c>delivery.github</c>.
/// </summary>
public sealed class GitHubOptions
{
    /// <summary>The REST API's base URL. Default <c>https://api.github.com/</c>; for GitHub Enterprise Server <c>https://HOST/api/v3/</c>.</summary>
    public Uri ApiUrl { get; set; } = new("https://api.github.com/");

    /// <summary>The repository pull requests are opened in, as <c>owner/name</c>.</summary>
    public string? Repository { get; set; }

    /// <summary>A personal access token (classic with <c>repo</c>, or fine-grained with contents, pull requests and issues: write). Leave unset when using a GitHub App.</summary>
    public string? Token { get; set; }

    /// <summary>The GitHub App's id, for app authentication.</summary>
    public long? AppId { get; set; }

    /// <summary>The GitHub App's private key (PEM text). Alternatively <see cref="PrivateKeyPath"/>.</summary>
    public string? PrivateKeyPem { get; set; }

    /// <summary>A file holding the GitHub App's private key (PEM).</summary>
    public string? PrivateKeyPath { get; set; }

    /// <summary>The id of the App's installation on the repository's owner.</summary>
    public long? InstallationId { get; set; }

    /// <summary>Where the fix branch is pushed. Default: <c>https://github.com/OWNER/NAME.git</c> (for Enterprise, the API host).</summary>
    public string? PushUrl { get; set; }

    /// <summary>How pull requests are merged when the checks pass. Default <see cref="GitHubMergeMethod.Squash"/>.</summary>
    public GitHubMergeMethod MergeMethod { get; set; } = GitHubMergeMethod.Squash;

    /// <summary>Merge even when the head commit has no statuses and no check runs at all. Default false: no evidence, no merge.</summary>
    public bool MergeWithoutChecks { get; set; }

    /// <summary>How long one API call may take. Default 30 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times the issue notifier tries a comment before it gives up. Default 3.</summary>
    public int NotifyAttempts { get; set; } = 3;

    /// <summary>The issue notifier's first wait between attempts; it doubles each time. Default 2 s.</summary>
    public TimeSpan NotifyRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Whether GitHub App authentication is configured (otherwise the token is used).</summary>
    internal bool UsesApp => AppId is not null || InstallationId is not null || PrivateKeyPem is not null || PrivateKeyPath is not null;

    /// <summary>The push URL: <see cref="PushUrl"/>, or derived from <see cref="ApiUrl"/> and <see cref="Repository"/>.</summary>
    internal string ResolvedPushUrl()
    {
        if (!string.IsNullOrWhiteSpace(PushUrl))
        {
            return PushUrl;
        }
        var host = ApiUrl.Host.Equals("api.github.com", StringComparison.OrdinalIgnoreCase) ? "github.com" : ApiUrl.Authority;
        return $"{ApiUrl.Scheme}://{host}/{Repository}.git";
    }
}

/// <summary>How GitHub merges a pull request.</summary>
public enum GitHubMergeMethod
{
    /// <summary>A merge commit.</summary>
    Merge,

    /// <summary>One squashed commit (the default).</summary>
    Squash,

    /// <summary>The commits rebased onto the base branch.</summary>
    Rebase,
}
