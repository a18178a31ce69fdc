namespace SelfHeal.Server.Channels.Alertmanager;

/// <summary>
/// The Alertmanager webhook channel (configuration section <c>Channels:Alertmanager</c>). Its payload is unsigned, so
/// the receiver's <c>http_config</c> must authenticate: a bearer token (<c>authorization.credentials</c>) or basic
/// auth. Off until <see cref="BearerToken"/> or <see cref="Username"/> and <see cref="Password"/> are set.
/// </summary>
public sealed class AlertmanagerChannelOptions
{
    public string? BearerToken { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }
}
