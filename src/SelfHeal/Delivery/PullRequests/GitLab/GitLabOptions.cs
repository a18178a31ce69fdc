namespace SelfHeal.Delivery.PullRequests.GitLab;

/// <summary>How SelfHeal reaches GitLab (gitlab.com or self-managed) for merge requests; configuration keys live under <c>delivery.gitlab</c>.</summary>
public sealed class GitLabOptions
{
    /// <summary>The REST v4 API's base URL. Default <c>https://gitlab.com/api/v4/</c>; self-managed: <c>https://HOST/api/v4/</c>.</summary>
    public Uri ApiUrl { get; set; } = new("https://gitlab.com/api/v4/");

    /// <summary>The project: its path (<c>group/name</c>, subgroups allowed) or its numeric id.</summary>
    public string? Project { get; set; }

    /// <summary>A personal, group or project access token with the <c>api</c> scope (and <c>write_repository</c> to push), sent as <c>PRIVATE-TOKEN</c>.</summary>
    public string? Token { get; set; }

    /// <summary>Where the fix branch is pushed. Default: <c>https://HOST/group/name.git</c>; required when <see cref="Project"/> is a numeric id.</summary>
    public string? PushUrl { get; set; }

    /// <summary>Squash the branch when merging. Default true.</summary>
    public bool Squash { get; set; } = true;

    /// <summary>Merge even when the merge request has no pipeline at all. Default false: no evidence, no merge.</summary>
    public bool MergeWithoutPipeline { get; set; }

    /// <summary>How long one API call may take. Default 30 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    internal bool ProjectIsId => long.TryParse(Project, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _);

    /// <summary>The push URL: <see cref="PushUrl"/>, or derived from <see cref="ApiUrl"/>'s host and the project's path.</summary>
    internal string ResolvedPushUrl() =>
        !string.IsNullOrWhiteSpace(PushUrl) ? PushUrl : $"{ApiUrl.Scheme}://{ApiUrl.Authority}/{Project}.git";
}
