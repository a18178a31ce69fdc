namespace SelfHeal.Server.Channels;

/// <summary>What a channel made of a delivery.</summary>
public enum ChannelResultKind
{
    /// <summary>Authentic, and it holds reports to store.</summary>
    Accepted,

    /// <summary>Authentic, but nothing to store (an event not subscribed to, a filtered repository, a ping).</summary>
    Ignored,

    /// <summary>Refused: not configured, forged, stale or malformed.</summary>
    Rejected,

    /// <summary>Authentic, and it is a person's review of a fix SelfHeal proposed (a pull request review).</summary>
    Review,
}
