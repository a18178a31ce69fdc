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

    /// <summary>Where run reports (Markdown and JSON) are written. Default: <c>reports</c> in the per-user data folder.</summary>
    public string ReportsDirectory { get; set; } = Path.Combine(SelfHealPaths.DataDirectory, "reports");
}
