
namespace SelfHeal.Server.Channels;

/// <summary>One delivery as it arrived: its headers and the exact bytes of its body.</summary>
public sealed record ChannelRequest(IHeaderDictionary Headers, byte[] Body);
