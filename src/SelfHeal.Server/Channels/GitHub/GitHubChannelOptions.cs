namespace SelfHeal.Server.Channels.GitHub;

/// <summary>The GitHub webhook channel (configuration section <c>Channels:GitHub</c>). Off until <see cref="Secret"/> is set.</summary>
public sealed class GitHubChannelOptions
{
    /// <summary>The webhook's secret; deliveries must carry its <c>X-Hub-Signature-256</c>.</summary>
    public string? Secret { get; set; }

    /// <summary>Repositories (<c>owner/name</c>, any case) whose issues are taken; empty takes every repository the hook is on.</summary>
    public List<string> Repositories { get; set; } = [];

    /// <summary>Opened or labeled issues are taken only with one of these labels (any case); empty takes every issue.</summary>
    public List<string> Labels { get; set; } = [];

    /// <summary>The comment command that asks SelfHeal to take an issue. Default <c>/selfheal</c>.</summary>
    public string Command { get; set; } = "/selfheal";
}
