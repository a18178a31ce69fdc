using SelfHeal.Bugs;

namespace SelfHeal.Server.Api;

/// <summary>A page of bugs, most recently seen first; ask for the next with <c>offset = Offset + Bugs.Count</c>.</summary>
public sealed record BugListAnswer(IReadOnlyList<BugSummary> Bugs, int Limit, int Offset);
