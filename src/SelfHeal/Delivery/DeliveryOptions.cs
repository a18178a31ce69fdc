namespace SelfHeal.Delivery;

/// <summary>How a fix is committed and reported.</summary>
public sealed class DeliveryOptions
{
    /// <summary>Author and committer name of SelfHeal's commits. Default "SelfHeal".</summary>
    public string AuthorName { get; set; } = "SelfHeal";

    /// <summary>Author and committer email. Default "selfheal@localhost".</summary>
    public string AuthorEmail { get; set; } = "selfheal@localhost";

    /// <summary>Prefix of fix branches; the run id follows. Default "selfheal/".</summary>
    public string BranchPrefix { get; set; } = "selfheal/";

    /// <summary>
    /// Which pull-request provider proposes fixes (<c>github</c>, <c>gitlab</c>, <c>local</c>); <see langword="null"/>:
    /// the only one registered, or none (the fix stays on its local branch).
    /// </summary>
    public string? PullRequestProvider { get; set; }

    /// <summary>The branch fixes are proposed against; <see langword="null"/>: the branch the repository's HEAD is on, else <c>main</c>.</summary>
    public string? BaseBranch { get; set; }

    /// <summary>Labels added to every pull request besides <c>selfheal</c> and <c>auto-fix</c>.</summary>
    public IList<string> Labels { get; set; } = [];

    /// <summary>Merge the pull request when the decision is auto-merge and the forge's required checks pass. Default true.</summary>
    public bool MergeWhenAllowed { get; set; } = true;

    /// <summary>Where run reports (Markdown and JSON) are written. Default: <c>reports</c> in the per-user data folder.</summary>
    public string ReportsDirectory { get; set; } = Path.Combine(SelfHealPaths.DataDirectory, "reports");
}
