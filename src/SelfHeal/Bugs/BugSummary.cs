using SelfHeal.Reports;

namespace SelfHeal.Bugs;

/// <summary>One bug as lists show it.</summary>
/// <param name="Id">The bug's id (<c>bug-20261123-k3f9ab</c>).</param>
/// <param name="Title">The title of its first report.</param>
/// <param name="Excerpt">The start of its first report's description (at most 1000 characters), for lists and text similarity.</param>
/// <param name="Sources">Every channel that reported it, in order of first report.</param>
public sealed record BugSummary(
    string Id,
    string Title,
    string? Excerpt,
    BugStatus Status,
    BugSeverity Severity,
    BugPriority Priority,
    string? Fingerprint,
    string? Repository,
    IReadOnlyList<string> Sources,
    long OccurrenceCount,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen)
{
    /// <summary>Where its healing stands; <see langword="null"/> until the service schedules a heal.</summary>
    public BugHeal? Heal { get; init; }
}
