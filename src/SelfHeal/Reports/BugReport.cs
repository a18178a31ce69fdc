using System.Text.Json.Serialization;

namespace SelfHeal.Reports;

/// <summary>
/// A bug as SelfHeal received it, normalized from whatever channel brought it (the CLI, a GitHub or Jira issue,
/// a Slack command, a Sentry or Alertmanager alert, the API). Everything in it that came from a person or a log
/// is untrusted data: it is shown and searched, never obeyed. Check it with <see cref="BugReportValidator"/>.
/// </summary>
/// <param name="Title">One line that names the bug.</param>
public sealed record BugReport(string Title)
{
    /// <summary>Longer free text (issue body, email body).</summary>
    public string? Description { get; init; }

    /// <summary>A log that came with the report; it may hold stack traces too.</summary>
    public string? Log { get; init; }

    /// <summary>A stack trace, when the channel gives one apart from the log (Sentry's exception frames, the API).</summary>
    public string? StackTrace { get; init; }

    /// <summary>Where the report came from: <c>cli</c>, <c>github</c>, <c>jira</c>, <c>slack</c>, <c>sentry</c>, <c>alertmanager</c>, <c>api</c>, ...</summary>
    public string Source { get; init; } = "cli";

    /// <summary>How bad the bug is, as the channel or its labels say; <see cref="BugSeverity.Unknown"/> when nothing says.</summary>
    public BugSeverity Severity { get; init; }

    /// <summary>How soon it should be fixed, as the channel or its labels say.</summary>
    public BugPriority Priority { get; init; }

    /// <summary>Who reported it, as the channel names them (a login, an email, a Slack user id).</summary>
    public string? Reporter { get; init; }

    /// <summary>The repository it is about, as <c>owner/name</c> or a URL.</summary>
    public string? Repository { get; init; }

    /// <summary>The commit (or release) the bug was seen at.</summary>
    public string? Commit { get; init; }

    /// <summary>A repository-relative file the report points at.</summary>
    public string? File { get; init; }

    /// <summary>A 1-based line in <see cref="File"/>.</summary>
    public int? Line { get; init; }

    /// <summary>Where it happened: <c>environment</c>, <c>os</c>, <c>runtime</c>, <c>service</c>, ...</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Labels or tags from the origin (GitHub labels, Jira labels, alert labels as <c>key=value</c>).</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>Files that came with the report, by reference.</summary>
    public IReadOnlyList<BugAttachment> Attachments { get; init; } = [];

    /// <summary>Links back to where the report came from (the issue, the Sentry event, the alert's generator).</summary>
    public IReadOnlyList<BugLink> Links { get; init; } = [];

    /// <summary>The report's id at its origin (<c>octo/shop#12</c>, <c>PROJ-7</c>, a Sentry issue id).</summary>
    public string? ExternalId { get; init; }

    /// <summary>When the bug happened or was reported at its origin, when the channel says.</summary>
    public DateTimeOffset? OccurredAt { get; init; }

    /// <summary>When SelfHeal received the report.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>
    /// A private address to answer the reporter at, when the channel gives one: Slack's <c>response_url</c> of a
    /// <c>/bug</c> command. It works as a credential for a while, so it is kept with the report in storage (the run log,
    /// the bug store: <see cref="Runs.RunJson.Options"/>) but never shown: it is left out of every other JSON (API answers,
    /// <c>--json</c> output, run reports) and never logged.
    /// </summary>
    [JsonIgnore]
    public string? ReplyTo { get; init; }

    /// <summary>All the report's text, for searching (not serialized).</summary>
    [JsonIgnore]
    public string AllText => string.Join('\n', new[] { Title, Description, StackTrace, Log }.Where(s => !string.IsNullOrWhiteSpace(s)));
}
