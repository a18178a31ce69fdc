using System.Globalization;
using System.Text;
using System.Text.Json;
using SelfHeal.AgentTrace;
using SelfHeal.Runs;

namespace SelfHeal.Delivery.PullRequests;

/// <summary>
/// The title and Markdown body of a fix's pull request, a pure function of the run: the bug and where it came from,
/// the root cause, the change, the validation evidence per layer with the tests before and after, the decision with
/// its rule, confidence and risk, the alternatives tried, the cost, and the Agent Trace summary. Report text is
/// untrusted: it is escaped so it cannot inject HTML, break tables or mention people.
/// </summary>
public static class PullRequestBody
{
    /// <summary>GitHub refuses bodies over 65,536 characters; the diff is shortened to stay well inside.</summary>
    public const int MaxLength = 60_000;

    /// <summary>The pull request's title: the commit's subject.</summary>
    public static string Title(RunState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var title = FixReport.FirstLine(state.Report?.Title);
        title = title.Length == 0 ? "bug" : title;
        return "Fix: " + (title.Length > 80 ? title[..80] + "…" : title);
    }

    /// <summary>The body, in Markdown.</summary>
    public static string Markdown(string runId, RunState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var patch = state.Patch ?? throw new InvalidOperationException("A pull request needs a chosen patch.");
        var md = new StringBuilder();
        md.Append("SelfHeal found, fixed and validated this bug automatically. ");
        md.Append(state.Decision is { NeedsReview: true } ? "**A human review is required before it merges.**\n\n" : "The risk policy allows it to merge once the required checks pass.\n\n");

        BugSection(md, state);
        RootCauseSection(md, state, patch);

        md.Append("## The change\n\n");
        md.Append(CultureInfo.InvariantCulture, $"{Escape(patch.Description)} at `{Code(patch.File)}:{patch.Line}` (engine `{Code(patch.Engine)}`, template `{Code(patch.Template)}`).\n\n");
        var diffAt = md.Length;
        md.Append(Fenced(patch.Diff, "diff"));

        md.Append("## Tests\n\n| | tests |\n|---|---|\n");
        md.Append(CultureInfo.InvariantCulture, $"| failing before | {TestList(state.Failures.Select(f => f.TestId))} |\n");
        md.Append(CultureInfo.InvariantCulture, $"| passing after | {TestList(patch.FixedTests)} |\n");
        if (state.PatchVerdict?.Layer("regression") is { } regression)
        {
            if (regression.TestsBefore is { } before)
            {
                md.Append(CultureInfo.InvariantCulture, $"| whole suite before | {before} |\n");
            }
            if (regression.TestsAfter is { } after)
            {
                md.Append(CultureInfo.InvariantCulture, $"| whole suite after | {after} |\n");
            }
        }
        md.Append('\n');
        if (state.PatchVerdict is { Evidence.Count: > 0 } verdict)
        {
            FixReport.EvidenceSection(md, verdict, state.PerformanceBaseline);
        }
        if (state.Decision is { } decision)
        {
            FixReport.DecisionSection(md, decision);
            if (decision.Reviewers.Count > 0)
            {
                md.Append("Reviewers named by the policy: ").Append(string.Join(", ", decision.Reviewers.Select(r => $"`{Code(r)}`"))).Append("\n\n");
            }
        }
        AlternativesSection(md, state, patch);
        CostSection(md, state);
        TraceSection(md, state);
        md.Append("---\n");
        md.Append(CultureInfo.InvariantCulture, $"SelfHeal run `{runId}` · `selfheal runs show {runId}` prints its full timeline · `selfheal blame FILE` shows which lines an AI wrote.\n");

        if (md.Length > MaxLength)
        {
            // Shorten the diff, not the evidence: the diff is in the pull request anyway.
            var diffEnd = md.ToString().IndexOf("## Tests", diffAt, StringComparison.Ordinal);
            md.Remove(diffAt, diffEnd - diffAt).Insert(diffAt, "_The diff is too long to repeat here; see the pull request's changes._\n\n");
        }
        return md.ToString();
    }

    private static void BugSection(StringBuilder md, RunState state)
    {
        var report = state.Report;
        md.Append("## The bug\n\n");
        md.Append(CultureInfo.InvariantCulture, $"**{Escape(report?.Title)}**");
        if (report is not null)
        {
            md.Append(CultureInfo.InvariantCulture, $" — reported through {Escape(report.Source)}");
            if (report.ExternalId is { Length: > 0 } external)
            {
                md.Append(CultureInfo.InvariantCulture, $" as {Escape(external)}");
            }
            if (report.Reporter is { Length: > 0 } reporter)
            {
                md.Append(CultureInfo.InvariantCulture, $" by {Escape(reporter)}");
            }
        }
        md.Append(".\n\n");
        if (!string.IsNullOrWhiteSpace(report?.Description))
        {
            var description = report.Description.Length > 2000 ? report.Description[..2000] + "…" : report.Description;
            md.Append("> ").Append(Escape(description).Replace("\n", "\n> ", StringComparison.Ordinal)).Append("\n\n");
        }
        foreach (var link in report?.Links ?? [])
        {
            if (Uri.TryCreate(link.Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                md.Append(CultureInfo.InvariantCulture, $"- {Escape(link.Title)}: <{uri.AbsoluteUri.Replace(">", "%3E", StringComparison.Ordinal)}>\n");
            }
        }
        if (report?.Links.Count > 0)
        {
            md.Append('\n');
        }
        if (state.Fingerprint is { } fingerprint && state.Traces.Count > 0)
        {
            md.Append(CultureInfo.InvariantCulture, $"Crash: `{Code(state.Traces[0].ExceptionType)}`, fingerprint `{fingerprint}`.\n\n");
        }
    }

    private static void RootCauseSection(StringBuilder md, RunState state, PatchChosen patch)
    {
        md.Append("## Root cause\n\n");
        var suspect = state.Suspects.FirstOrDefault(s => s.File == patch.File && s.StartLine == patch.Line) ?? state.Suspects.FirstOrDefault();
        if (suspect is not null)
        {
            md.Append(CultureInfo.InvariantCulture, $"`{Code(suspect.ToString())}`");
            if (suspect.Symbol is { } symbol)
            {
                md.Append(CultureInfo.InvariantCulture, $" in `{Code(symbol)}`");
            }
            md.Append(CultureInfo.InvariantCulture, $", suspect {state.Suspects.ToList().IndexOf(suspect) + 1} of {state.Suspects.Count} (score {suspect.Score:0.00}). Evidence:\n\n");
            foreach (var evidence in suspect.Evidence.OrderByDescending(e => e.Contribution).Take(5))
            {
                md.Append(CultureInfo.InvariantCulture, $"- {evidence.Signal} (+{evidence.Contribution:0.00}): {Escape(evidence.Detail)}\n");
            }
            md.Append('\n');
        }
        if (state.RootCause is { } cause)
        {
            md.Append(CultureInfo.InvariantCulture, $"Model analysis ({Escape(cause.Model)}, confidence {cause.Confidence:0.00}): {Escape(cause.RootCause)}\n\n");
        }
        if (suspect is null && state.RootCause is null)
        {
            md.Append("Not localized beyond the changed code.\n\n");
        }
    }

    private static void AlternativesSection(StringBuilder md, RunState state, PatchChosen patch)
    {
        if (state.Candidates.Count == 0 && state.Repair is null)
        {
            return;
        }
        md.Append("## Alternatives tried\n\n");
        if (state.Repair is { } tally)
        {
            md.Append(CultureInfo.InvariantCulture, $"{tally.Generated} candidate fixes were generated; {tally.RejectedInMemory} were rejected before any test ran, {tally.Validated} were tested, {tally.Plausible} passed.\n\n");
        }
        var tried = state.Candidates.Where(c => c.Description != patch.Description || c.File != patch.File || c.Line != patch.Line).Take(10).ToList();
        if (tried.Count > 0)
        {
            md.Append("| change | where | verdict |\n|---|---|---|\n");
            foreach (var c in tried)
            {
                md.Append(CultureInfo.InvariantCulture, $"| {Escape(c.Description)} | `{Code(c.File)}:{c.Line}` | {c.Verdict}{(c.Detail is null ? "" : ": " + Escape(FixReport.FirstLine(c.Detail)))} |\n");
            }
            md.Append('\n');
        }
        foreach (var alternative in patch.Alternatives)
        {
            md.Append(CultureInfo.InvariantCulture, $"- plausible too, not chosen: {Escape(alternative)}\n");
        }
        if (patch.Alternatives.Count > 0)
        {
            md.Append('\n');
        }
    }

    private static void CostSection(StringBuilder md, RunState state)
    {
        md.Append("## Cost\n\n");
        var tokensIn = state.ModelCalls.Sum(c => c.InputTokens);
        var tokensOut = state.ModelCalls.Sum(c => c.OutputTokens);
        md.Append(state.ModelCalls.Count == 0
            ? "No model was called: the offline repair engine wrote this fix ($0.00).\n"
            : string.Create(CultureInfo.InvariantCulture, $"{state.ModelCalls.Count} model calls, {tokensIn} tokens in, {tokensOut} tokens out, ${state.ModelCost:0.0000}.\n"));
        var testSeconds = state.TestRuns.Sum(t => t.Duration.TotalSeconds) + state.Candidates.Sum(c => c.Duration.TotalSeconds);
        if (state.CreatedAt is { } created && state.UpdatedAt is { } updated)
        {
            md.Append(CultureInfo.InvariantCulture, $"The run took {(updated - created).TotalSeconds:0} s, {testSeconds:0} s of it running tests.\n");
        }
        md.Append('\n');
    }

    private static void TraceSection(StringBuilder md, RunState state)
    {
        md.Append("## Agent Trace\n\n");
        if (state.Trace is not { } recorded)
        {
            md.Append("No trace record was written.\n\n");
            return;
        }
        TraceRecord? record;
        try
        {
            record = JsonSerializer.Deserialize<TraceRecord>(recorded.Record);
        }
        catch (JsonException)
        {
            record = null;
        }
        if (record is null)
        {
            md.Append("The trace record could not be read.\n\n");
            return;
        }
        var lines = record.Files.SelectMany(f => f.Conversations).SelectMany(c => c.Ranges).Sum(r => r.EndLine - r.StartLine + 1);
        var model = record.Files.SelectMany(f => f.Conversations).Select(c => c.Contributor?.ModelId).FirstOrDefault(m => m is not null);
        md.Append(CultureInfo.InvariantCulture, $"{lines} line(s) in {record.Files.Count} file(s) were written by AI (`{Code(model ?? "unknown")}`) in commit `{recorded.Commit[..Math.Min(12, recorded.Commit.Length)]}`; the record (Agent Trace {record.Version}) is in the git notes `{TraceNotes.Ref}`, pushed with this branch.\n\n");
        md.Append("| file | lines |\n|---|---|\n");
        foreach (var file in record.Files)
        {
            var ranges = file.Conversations.SelectMany(c => c.Ranges).Select(r => r.StartLine == r.EndLine ? $"{r.StartLine}" : $"{r.StartLine}–{r.EndLine}");
            md.Append(CultureInfo.InvariantCulture, $"| `{Code(file.Path)}` | {string.Join(", ", ranges)} |\n");
        }
        md.Append('\n');
    }

    private static string TestList(IEnumerable<string> tests)
    {
        var list = tests.Take(20).Select(t => $"`{Code(t)}`").ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }

    /// <summary>Untrusted text for prose: no HTML, no table breaks, and <c>@name</c> does not notify anyone.</summary>
    private static string Escape(string? text) =>
        FixReport.Escape(text).Replace("@", "@\u200B", StringComparison.Ordinal);

    /// <summary>Text inside an inline code span: backticks would end it early.</summary>
    private static string Code(string? text) =>
        (text ?? "").Replace("`", "'", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>A fenced block longer than any run of backticks inside it, so the content cannot end it.</summary>
    private static string Fenced(string content, string language)
    {
        var longest = 0;
        var run = 0;
        foreach (var c in content)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        var fence = new string('`', Math.Max(3, longest + 1));
        return $"{fence}{language}\n{content.TrimEnd('\n')}\n{fence}\n\n";
    }
}
