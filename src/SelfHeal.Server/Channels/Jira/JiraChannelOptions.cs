namespace SelfHeal.Server.Channels.Jira;

/// <summary>The Jira Cloud webhook channel (configuration section <c>Channels:Jira</c>). Off until <see cref="Secret"/> or <see cref="AllowUnsigned"/> is set.</summary>
public sealed class JiraChannelOptions
{
    /// <summary>The webhook's secret; deliveries must then carry its <c>X-Hub-Signature</c> (<c>sha256=...</c>).</summary>
    public string? Secret { get; set; }

    /// <summary>Take unsigned deliveries (a webhook registered without a secret). Anyone who knows the URL can then file bugs; prefer a secret.</summary>
    public bool AllowUnsigned { get; set; }

    /// <summary>Project keys whose issues are taken (any case); empty takes every project.</summary>
    public List<string> Projects { get; set; } = [];
}
