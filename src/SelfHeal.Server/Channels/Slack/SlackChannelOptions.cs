namespace SelfHeal.Server.Channels.Slack;

/// <summary>The Slack <c>/bug</c> slash command (configuration section <c>Channels:Slack</c>). Off until <see cref="SigningSecret"/> is set.</summary>
public sealed class SlackChannelOptions
{
    /// <summary>The Slack app's signing secret (Basic Information → App Credentials).</summary>
    public string? SigningSecret { get; set; }

    /// <summary>How far a request's timestamp may be from the server's clock. Default 5 minutes, as Slack advises.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);
}
