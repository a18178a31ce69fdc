namespace SelfHeal.Delivery.PullRequests;

/// <summary>A plain git remote (a bare repository on disk or a URL git can push to) that holds SelfHeal's requests.</summary>
public sealed class LocalRemoteOptions
{
    /// <summary>The remote: a path to a bare repository, <c>file://</c>, <c>ssh://</c> or <c>https://</c>.</summary>
    public string RemoteUrl { get; set; } = "";

    /// <summary>Identity of the request records' commits. Default "SelfHeal".</summary>
    public string AuthorName { get; set; } = "SelfHeal";

    /// <summary>Default "selfheal@localhost".</summary>
    public string AuthorEmail { get; set; } = "selfheal@localhost";
}
