namespace SelfHeal.Bugs;

/// <summary>
/// Where bugs and their occurrences live. Implementations are safe for concurrent use from several threads and
/// processes, apply their migrations on first use, and make <see cref="RecordAsync"/> atomic and durable: once it
/// returns, the report is stored, and a replayed delivery is never stored twice.
/// </summary>
public interface IBugStore
{
    /// <summary>
    /// Stores a report: as a <see cref="BugIntakeOutcome.Duplicate"/> when its delivery was seen before, as an
    /// occurrence of the open bug with the same fingerprint (or of <see cref="BugIntake.SimilarBugId"/>), else as a new bug.
    /// </summary>
    Task<BugIntakeResult> RecordAsync(BugIntake intake, CancellationToken cancellationToken = default);

    /// <summary>A bug with its latest occurrences (newest first, at most <paramref name="occurrenceLimit"/>), or <see langword="null"/>.</summary>
    Task<BugDetails?> GetAsync(string bugId, int occurrenceLimit = 100, CancellationToken cancellationToken = default);

    /// <summary>Records where the healing of bug <paramref name="bugId"/> stands; <see langword="false"/> when there is no such bug.</summary>
    Task<bool> SetHealAsync(string bugId, BugHeal heal, CancellationToken cancellationToken = default);

    /// <summary>Bugs matching <paramref name="query"/>, most recently seen first.</summary>
    Task<IReadOnlyList<BugSummary>> ListAsync(BugQuery query, CancellationToken cancellationToken = default);
}
