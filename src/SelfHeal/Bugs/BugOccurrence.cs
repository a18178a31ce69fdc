using SelfHeal.Reports;

namespace SelfHeal.Bugs;

/// <summary>One report of a bug.</summary>
/// <param name="Match">How it was grouped: <c>created</c>, <c>fingerprint</c> or <c>similar</c>.</param>
/// <param name="Similarity">The text similarity when <paramref name="Match"/> is <c>similar</c>.</param>
/// <param name="DeliveryId">The channel's delivery id, when it had one.</param>
public sealed record BugOccurrence(long Id, DateTimeOffset ReceivedAt, string Source, string Match, double? Similarity, string? DeliveryId, BugReport Report);
