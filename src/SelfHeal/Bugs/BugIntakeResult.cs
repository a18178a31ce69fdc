namespace SelfHeal.Bugs;

/// <summary>Where a report went.</summary>
/// <param name="BugId">The bug it is, or belongs to.</param>
/// <param name="Outcome">Whether it made a new bug, an occurrence, or was a replay.</param>
/// <param name="OccurrenceCount">How many times the bug has now been reported.</param>
public sealed record BugIntakeResult(string BugId, BugIntakeOutcome Outcome, long OccurrenceCount);
