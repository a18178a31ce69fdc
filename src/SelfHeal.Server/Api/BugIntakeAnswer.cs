using SelfHeal.Bugs;

namespace SelfHeal.Server.Api;

/// <summary>Where one report went: its bug, whether it was new, an occurrence or a replay, and the bug's report count.</summary>
public sealed record BugIntakeAnswer(string BugId, BugIntakeOutcome Outcome, long Occurrences)
{
    public static BugIntakeAnswer From(BugIntakeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.BugId, result.Outcome, result.OccurrenceCount);
    }
}
