namespace SelfHeal.Server.Channels.Sentry;

/// <summary>The Sentry issue-alert webhook channel (configuration section <c>Channels:Sentry</c>). Off until <see cref="ClientSecret"/> is set.</summary>
public sealed class SentryChannelOptions
{
    /// <summary>The integration's client secret; deliveries must carry its <c>Sentry-Hook-Signature</c>.</summary>
    public string? ClientSecret { get; set; }
}
