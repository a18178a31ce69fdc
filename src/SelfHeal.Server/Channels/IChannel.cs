namespace SelfHeal.Server.Channels;

/// <summary>
/// An intake source reached by webhook (<c>POST /channels/{Name}</c>). A channel verifies the delivery's authenticity
/// on the raw bytes, in constant time, before it parses anything; then normalizes it to bug reports, each with the
/// channel's delivery id so a replay is stored once. Expected refusals are results, not exceptions. Thread-safe.
/// </summary>
public interface IChannel
{
    /// <summary>The channel's name: its route segment and the reports' <c>source</c> (<c>github</c>, <c>slack</c>, ...).</summary>
    string Name { get; }

    /// <summary>Verifies and reads one delivery.</summary>
    Task<ChannelResult> ReceiveAsync(ChannelRequest request, CancellationToken cancellationToken = default);
}
