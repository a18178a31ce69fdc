using System.Text.RegularExpressions;

namespace SelfHeal.Reports;

/// <summary>
/// Checks a <see cref="BugReport"/> before it is stored: a title, sane sizes, well-formed commit, file, line and
/// links. Each problem names its field and says what to do. Thread-safe; never throws on bad input.
/// </summary>
public static partial class BugReportValidator
{
    public const int MaxTitleLength = 300;
    public const int MaxDescriptionLength = 65_536;
    public const int MaxStackTraceLength = 262_144;
    public const int MaxLogLength = 1_048_576;
    public const int MaxShortFieldLength = 256;
    public const int MaxUrlLength = 2_048;
    public const int MaxEnvironmentEntries = 64;
    public const int MaxLabels = 64;
    public const int MaxAttachments = 32;
    public const int MaxLinks = 32;

    /// <summary>Every problem with <paramref name="report"/>; empty when it is valid.</summary>
    public static IReadOnlyList<BugReportProblem> Validate(BugReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var problems = new List<BugReportProblem>();
        void Add(string field, string message) => problems.Add(new BugReportProblem(field, message));

        if (string.IsNullOrWhiteSpace(report.Title))
        {
            Add("title", "A title is required: one line that names the bug.");
        }
        else if (report.Title.Length > MaxTitleLength)
        {
            Add("title", $"The title is {report.Title.Length} characters; keep it to {MaxTitleLength} and put the rest in the description.");
        }
        CheckLength(problems, "description", report.Description, MaxDescriptionLength);
        CheckLength(problems, "stackTrace", report.StackTrace, MaxStackTraceLength);
        CheckLength(problems, "log", report.Log, MaxLogLength);
        CheckLength(problems, "reporter", report.Reporter, MaxShortFieldLength);
        CheckLength(problems, "repository", report.Repository, MaxShortFieldLength);
        CheckLength(problems, "externalId", report.ExternalId, MaxShortFieldLength);

        if (!SourceRegex.IsMatch(report.Source ?? ""))
        {
            Add("source", "The source must be 1 to 32 lowercase letters, digits or '-' (for example 'github' or 'api').");
        }
        if (!Enum.IsDefined(report.Severity))
        {
            Add("severity", "Unknown severity; use unknown, low, medium, high or critical.");
        }
        if (!Enum.IsDefined(report.Priority))
        {
            Add("priority", "Unknown priority; use unknown, low, normal, high or urgent.");
        }
        if (report.Commit is { } commit && !CommitRegex.IsMatch(commit))
        {
            Add("commit", "The commit must be 7 to 64 hex digits (a git commit id).");
        }
        CheckFile(problems, report);
        CheckEntries(problems, report);
        return problems;
    }

    private static void CheckFile(List<BugReportProblem> problems, BugReport report)
    {
        if (report.File is { } file)
        {
            var normalized = file.Replace('\\', '/');
            if (file.Length is 0 or > 1024 || normalized.StartsWith('/') || normalized.Split('/').Contains("..") || file.Contains('\0', StringComparison.Ordinal))
            {
                problems.Add(new BugReportProblem("file", "The file must be a path inside the repository, relative to its root, without '..'."));
            }
        }
        if (report.Line is { } line && line < 1)
        {
            problems.Add(new BugReportProblem("line", "The line must be 1 or more (lines count from 1)."));
        }
        if (report.Line is not null && report.File is null)
        {
            problems.Add(new BugReportProblem("line", "A line needs a file: give 'file' too."));
        }
    }

    private static void CheckEntries(List<BugReportProblem> problems, BugReport report)
    {
        if (report.Environment.Count > MaxEnvironmentEntries)
        {
            problems.Add(new BugReportProblem("environment", $"At most {MaxEnvironmentEntries} environment entries are kept; send the most telling ones."));
        }
        foreach (var (key, value) in report.Environment)
        {
            if (key.Length is 0 or > 128 || (value?.Length ?? 0) > 4096)
            {
                problems.Add(new BugReportProblem($"environment.{Truncate(key)}", "Environment keys must be 1 to 128 characters and values at most 4096."));
            }
        }
        if (report.Labels.Count > MaxLabels || report.Labels.Any(l => l.Length is 0 or > MaxShortFieldLength))
        {
            problems.Add(new BugReportProblem("labels", $"At most {MaxLabels} labels, each 1 to {MaxShortFieldLength} characters."));
        }
        if (report.Attachments.Count > MaxAttachments)
        {
            problems.Add(new BugReportProblem("attachments", $"At most {MaxAttachments} attachments."));
        }
        for (var i = 0; i < report.Attachments.Count; i++)
        {
            var attachment = report.Attachments[i];
            if (string.IsNullOrWhiteSpace(attachment.Name) || attachment.Name.Length > MaxShortFieldLength)
            {
                problems.Add(new BugReportProblem($"attachments[{i}].name", "Each attachment needs a name of at most 256 characters."));
            }
            if (attachment.Url is not null)
            {
                CheckUrl(problems, $"attachments[{i}].url", attachment.Url);
            }
        }
        if (report.Links.Count > MaxLinks)
        {
            problems.Add(new BugReportProblem("links", $"At most {MaxLinks} links."));
        }
        for (var i = 0; i < report.Links.Count; i++)
        {
            CheckUrl(problems, $"links[{i}].url", report.Links[i].Url);
        }
    }

    private static void CheckUrl(List<BugReportProblem> problems, string field, string? url)
    {
        if (url is null || url.Length > MaxUrlLength
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add(new BugReportProblem(field, "Must be an absolute http or https URL."));
        }
    }

    private static void CheckLength(List<BugReportProblem> problems, string field, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            problems.Add(new BugReportProblem(field, $"The {field} is {value.Length} characters; at most {max} are accepted. Send the relevant part."));
        }
    }

    private static string Truncate(string value) => value.Length <= 32 ? value : value[..32];

    [GeneratedRegex("^[a-z0-9-]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex SourceRegex { get; }

    [GeneratedRegex("^[0-9a-fA-F]{7,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex CommitRegex { get; }
}
