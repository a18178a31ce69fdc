namespace SelfHeal.Bugs;

/// <summary>A delivery's identity at its channel: a replay carries the same key.</summary>
/// <param name="Channel">The channel (<c>github</c>, <c>slack</c>, ...).</param>
/// <param name="Id">The channel's delivery id (<c>X-GitHub-Delivery</c>, a Slack trigger id, an alert's group key + fingerprint + start).</param>
public sealed record DeliveryKey(string Channel, string Id);
