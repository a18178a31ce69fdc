using SelfHeal.Reports;

namespace SelfHeal.Bugs;

/// <summary>A triaged report on its way into the store.</summary>
/// <param name="Report">The validated report.</param>
/// <param name="Fingerprint">The stack-trace fingerprint, when the report has a trace.</param>
/// <param name="SimilarBugId">An open bug whose text is close enough to count as the same bug, when triage found one.</param>
/// <param name="Similarity">How close (0 to 1) <paramref name="SimilarBugId"/> is.</param>
/// <param name="Delivery">The channel's delivery id, for de-duplicating replays.</param>
public sealed record BugIntake(BugReport Report, string? Fingerprint = null, string? SimilarBugId = null, double? Similarity = null, DeliveryKey? Delivery = null);
