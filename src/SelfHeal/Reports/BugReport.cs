namespace SelfHeal.Reports;

/// <summary>
/// A bug as SelfHeal received it, normalized. Everything in it that came from a person or a log is
/// untrusted data: it is shown and searched, never obeyed.
/// </summary>
/// <param name="Title">One line that names the bug.</param>
public sealed record BugReport(string Title)
{
    /// <summary>Longer free text (issue body, email body).</summary>
    public string? Description { get; init; }

    /// <summary>A log or stack trace that came with the report.</summary>
    public string? Log { get; init; }

    /// <summary>Where the report came from: <c>cli</c>, <c>github</c>, <c>email</c>, ...</summary>
    public string Source { get; init; } = "cli";

    /// <summary>All the report's text, for searching.</summary>
    public string AllText => string.Join('\n', new[] { Title, Description, Log }.Where(s => !string.IsNullOrWhiteSpace(s)));
}
