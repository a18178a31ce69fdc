using SelfHeal.Bugs;

namespace SelfHeal.Server.Api;

/// <summary>The body of <c>POST /api/v1/bugs/batch</c>: up to <see cref="MaxReports"/> reports, each with its own idempotency key.</summary>
public sealed record BugBatch
{
    public const int MaxReports = 100;

    public List<BugBatchItem>? Reports { get; init; }
}

/// <summary>One report of a batch.</summary>
public sealed record BugBatchItem
{
    /// <summary>Makes a retried batch safe: a report whose key was already accepted is a replay, not a new occurrence.</summary>
    public string? IdempotencyKey { get; init; }

    public BugSubmission? Report { get; init; }
}

/// <summary>What happened to each report of a batch, in order: accepted (with its bug) or refused (with why).</summary>
public sealed record BugBatchAnswer(IReadOnlyList<BugBatchItemAnswer> Results, int Accepted, int Refused);

/// <summary>One report's fate: <see cref="Answer"/> when stored, <see cref="Errors"/> when refused.</summary>
public sealed record BugBatchItemAnswer(int Index, BugIntakeAnswer? Answer, IReadOnlyDictionary<string, string[]>? Errors)
{
    public static BugBatchItemAnswer Accepted(int index, BugIntakeResult result) => new(index, BugIntakeAnswer.From(result), null);
}
