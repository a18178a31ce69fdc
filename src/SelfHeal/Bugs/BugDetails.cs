using SelfHeal.Reports;

namespace SelfHeal.Bugs;

/// <summary>A bug with its first report and latest occurrences.</summary>
/// <param name="FirstReport">The report that opened the bug.</param>
/// <param name="Occurrences">The latest occurrences, newest first.</param>
public sealed record BugDetails(BugSummary Summary, BugReport FirstReport, IReadOnlyList<BugOccurrence> Occurrences);
