using SelfHeal.Reports;

namespace SelfHeal.Server.Channels;

/// <summary>A report read from a delivery, with the id that makes a replay of it recognizable.</summary>
/// <param name="DeliveryId">The channel's delivery id (for a delivery with several reports, one per report).</param>
public sealed record ChannelReport(BugReport Report, string DeliveryId);
