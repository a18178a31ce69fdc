using SelfHeal.Reports;

namespace SelfHeal.Server.Api;

/// <summary>The body of <c>POST /api/v1/bugs</c>: a bug report from an application, a script or a person.</summary>
public sealed record BugSubmission
{
    /// <summary>One line that names the bug. Required.</summary>
    public string? Title { get; init; }

    public string? Description { get; init; }

    public string? StackTrace { get; init; }

    public string? Log { get; init; }

    /// <summary><c>low</c>, <c>medium</c>, <c>high</c> or <c>critical</c>; omitted: from the labels.</summary>
    public string? Severity { get; init; }

    /// <summary><c>low</c>, <c>normal</c>, <c>high</c> or <c>urgent</c>; omitted: from the labels.</summary>
    public string? Priority { get; init; }

    /// <summary>What sent it (<c>api</c> by default; the .NET reporter sends <c>reporter</c>).</summary>
    public string? Source { get; init; }

    public string? Reporter { get; init; }

    public string? Repository { get; init; }

    public string? Commit { get; init; }

    public string? File { get; init; }

    public int? Line { get; init; }

    public Dictionary<string, string>? Environment { get; init; }

    public List<string>? Labels { get; init; }

    public List<BugAttachment>? Attachments { get; init; }

    public List<BugLink>? Links { get; init; }

    public string? ExternalId { get; init; }

    public DateTimeOffset? OccurredAt { get; init; }

    /// <summary>The report, or the problems with the fields that do not map (unknown severity or priority).</summary>
    internal (BugReport Report, List<BugReportProblem> Problems) ToReport()
    {
        var problems = new List<BugReportProblem>();
        var severity = ParseEnum<BugSeverity>(Severity, "severity", "low, medium, high or critical", problems);
        var priority = ParseEnum<BugPriority>(Priority, "priority", "low, normal, high or urgent", problems);
        var report = new BugReport(Title ?? "")
        {
            Description = Description,
            StackTrace = StackTrace,
            Log = Log,
            Severity = severity,
            Priority = priority,
            Source = Source ?? "api",
            Reporter = Reporter,
            Repository = Repository,
            Commit = Commit,
            File = File,
            Line = Line,
            Environment = Environment ?? [],
            Labels = Labels ?? [],
            Attachments = Attachments ?? [],
            Links = Links ?? [],
            ExternalId = ExternalId,
            OccurredAt = OccurredAt,
        };
        return (report, problems);
    }

    private static T ParseEnum<T>(string? value, string field, string allowed, List<BugReportProblem> problems)
        where T : struct, Enum
    {
        if (value is null)
        {
            return default;
        }
        if (Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _))
        {
            return parsed;
        }
        problems.Add(new BugReportProblem(field, $"Unknown {field} '{(value.Length <= 20 ? value : value[..20])}'; use {allowed}."));
        return default;
    }
}
