using System.Globalization;
using System.Text;
using System.Text.Json;
using SelfHeal.Decisions;
using SelfHeal.Runs;
using SelfHeal.Validation;

namespace SelfHeal.Delivery;

/// <summary>A run's report: Markdown for people, JSON for machines. Pure functions of the run's state.</summary>
public static class FixReport
{
    public static string Markdown(string runId, RunState state, IReadOnlyList<RunEventEnvelope> events)
    {
        var md = new StringBuilder();
        var report = state.Report;
        md.Append(CultureInfo.InvariantCulture, $"# SelfHeal run {runId}\n\n");
        md.Append(CultureInfo.InvariantCulture, $"**Bug:** {Escape(report?.Title)}\n\n");
        if (!string.IsNullOrWhiteSpace(report?.Description))
        {
            md.Append("> ").Append(Escape(report.Description).Replace("\n", "\n> ", StringComparison.Ordinal)).Append("\n\n");
        }
        md.Append(CultureInfo.InvariantCulture, $"**Status:** {state.Status.ToString().ToLowerInvariant()} — {Escape(state.Finished?.Summary)}\n\n");
        if (state.Sandbox is { } sandbox)
        {
            md.Append(sandbox.Isolated
                ? $"**Sandbox:** {Escape(sandbox.Sandbox)} (no network, only the worktree writable, limits on time, memory, processes and output)\n\n"
                : $"**Sandbox: NONE.** The repository's build and tests ran unsandboxed, with the user's rights, network and files (`--sandbox {Escape(sandbox.Sandbox)}`).\n\n");
        }
        if (state.Delivery is { } delivery)
        {
            md.Append(CultureInfo.InvariantCulture, $"**Branch:** `{delivery.Branch}` at `{delivery.Commit[..Math.Min(12, delivery.Commit.Length)]}`\n\n");
        }
        if (state.Decision is { } decision)
        {
            md.Append(CultureInfo.InvariantCulture, $"**Decision:** {Names.Of(decision.Action)} — rule `{decision.Rule}` ({decision.RuleSource})\n\n");
        }
        if (state.Failures.Count > 0)
        {
            md.Append("## Failing tests\n\n");
            foreach (var failure in state.Failures)
            {
                md.Append(CultureInfo.InvariantCulture, $"- `{Escape(failure.TestId)}` — {Escape(FirstLine(failure.Message))}\n");
            }
            md.Append('\n');
        }
        if (state.Fingerprint is { } fingerprint)
        {
            md.Append(CultureInfo.InvariantCulture, $"**Fingerprint:** `{fingerprint}` ({Escape(state.Traces[0].ExceptionType)})\n\n");
        }
        if (state.Suspects.Count > 0)
        {
            md.Append("## Suspects\n\n| # | where | symbol | score | evidence |\n|---|---|---|---|---|\n");
            foreach (var (suspect, i) in state.Suspects.Select((s, i) => (s, i)))
            {
                var evidence = string.Join("; ", suspect.Evidence.OrderByDescending(e => e.Contribution).Select(e => $"{e.Signal} +{e.Contribution:0.00}"));
                md.Append(CultureInfo.InvariantCulture, $"| {i + 1} | `{suspect}` | {Escape(suspect.Symbol)} | {suspect.Score:0.00} | {evidence} |\n");
            }
            md.Append('\n');
        }
        if (state.RootCause is { } cause)
        {
            md.Append("## Root cause (model analysis)\n\n");
            md.Append(CultureInfo.InvariantCulture, $"{Escape(cause.RootCause)}\n\n**Affected:** {string.Join(", ", cause.AffectedScope.Select(a => $"`{Escape(a)}`"))}  \n**Fix direction:** {Escape(cause.FixDirection)}  \n**Confidence:** {cause.Confidence:0.00} ({Escape(cause.Model)})\n\n");
        }
        if (state.ModelCalls.Count > 0 || state.BudgetExhausted is not null)
        {
            md.Append(CultureInfo.InvariantCulture, $"## Model calls ({state.ModelCalls.Count}, ${state.ModelCost:0.0000})\n\n| model | purpose | tokens in | tokens out | cost | seconds | error |\n|---|---|---|---|---|---|---|\n");
            foreach (var call in state.ModelCalls)
            {
                md.Append(CultureInfo.InvariantCulture, $"| {Escape(call.Model)} | {Escape(call.Purpose)} | {call.InputTokens} | {call.OutputTokens} | {call.Cost:0.0000} | {call.Duration.TotalSeconds:0.0} | {Escape(FirstLine(call.Error))} |\n");
            }
            if (state.BudgetExhausted is { } budget)
            {
                md.Append(CultureInfo.InvariantCulture, $"\nThe model budget (${budget.Limit:0.####}) was spent (${budget.Spent:0.####}); {Escape(budget.Engine)} made no further calls.\n");
            }
            md.Append('\n');
        }
        if (state.Patch is { } patch)
        {
            md.Append("## The fix\n\n");
            md.Append(CultureInfo.InvariantCulture, $"{Escape(patch.Description)} (`{patch.Engine}` / `{patch.Template}`), at `{patch.File}:{patch.Line}`. Tests that now pass: {string.Join(", ", patch.FixedTests.Select(t => $"`{Escape(t)}`"))}.\n\n");
            md.Append("```diff\n").Append(patch.Diff.Replace("```", "` ` `", StringComparison.Ordinal)).Append("```\n\n");
            if (patch.Alternatives.Count > 0)
            {
                md.Append("Plausible alternatives, not chosen:\n\n");
                foreach (var alternative in patch.Alternatives)
                {
                    md.Append(CultureInfo.InvariantCulture, $"- {Escape(alternative)}\n");
                }
                md.Append('\n');
            }
        }
        if (state.Decision is { } decided)
        {
            DecisionSection(md, decided);
        }
        if (state.PatchVerdict is { Evidence.Count: > 0 } verdict)
        {
            EvidenceSection(md, verdict, state.PerformanceBaseline);
        }
        if (state.Candidates.Count > 0)
        {
            md.Append(CultureInfo.InvariantCulture, $"## Candidates tried ({state.Candidates.Count})\n\n| # | change | where | verdict | fixed | seconds | detail |\n|---|---|---|---|---|---|---|\n");
            foreach (var c in state.Candidates)
            {
                md.Append(CultureInfo.InvariantCulture, $"| {c.Index} | {Escape(c.Description)} | `{c.File}:{c.Line}` | {c.Verdict} | {c.FixedTests} | {c.Duration.TotalSeconds:0.0} | {Escape(FirstLine(c.Detail))} |\n");
            }
            md.Append('\n');
        }
        md.Append("## Timeline\n\n");
        var start = events.Count > 0 ? events[0].At : default;
        foreach (var e in events)
        {
            md.Append(CultureInfo.InvariantCulture, $"- +{(e.At - start).TotalSeconds:0.0}s {e.Event.GetType().Name}\n");
        }
        return md.ToString();
    }

    public static string Json(string runId, RunState state, IReadOnlyList<RunEventEnvelope> events) =>
        JsonSerializer.Serialize(new { runId, state.Status, state.Report, state.Target, state.Workspace, state.TestRuns, state.Failures, state.FlakyTests, state.Traces, state.Suspects, state.Candidates, state.Patch, verdict = state.PatchVerdict, state.Decision, state.Delivery, state.Sandbox, state.Warnings, state.Finished, events }, RunJson.Indented);

    internal static void DecisionSection(StringBuilder md, Decision decision)
    {
        md.Append("## Decision\n\n");
        md.Append(CultureInfo.InvariantCulture, $"**{Names.Of(decision.Action)}**, by rule `{decision.Rule}` ({decision.RuleSource}). {Escape(decision.Reason)}\n\n");
        foreach (var escalation in decision.Escalations)
        {
            md.Append(CultureInfo.InvariantCulture, $"- escalated: {Escape(escalation)}\n");
        }
        if (decision.Escalations.Count > 0)
        {
            md.Append('\n');
        }
        md.Append(CultureInfo.InvariantCulture, $"Confidence **{decision.Confidence.Score:0.00}** ({Names.Of(decision.Confidence.Band)}):\n\n| factor | contribution | evidence |\n|---|---|---|\n");
        foreach (var factor in decision.Confidence.Factors)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {factor.Name} | {factor.Contribution:+0.00;-0.00;0.00} | {Escape(factor.Detail)} |\n");
        }
        md.Append(CultureInfo.InvariantCulture, $"\nRisk **{Names.Of(decision.Risk.Level)}**:\n\n");
        foreach (var factor in decision.Risk.Factors)
        {
            md.Append(CultureInfo.InvariantCulture, $"- {Names.Of(factor.Level)}: `{Escape(factor.File)}` — {Escape(factor.Reason)}\n");
        }
        md.Append('\n');
    }

    internal static void EvidenceSection(StringBuilder md, Verdict verdict, PerformanceBaselineMeasured? baseline)
    {
        md.Append("## Validation evidence\n\n| layer | outcome | seconds | what ran | result |\n|---|---|---|---|---|\n");
        foreach (var layer in verdict.Evidence)
        {
            var tests = layer.TestsAfter is { } after ? $" ({after}" + (layer.TestsBefore is { } before ? $"; before: {before})" : ")") : "";
            md.Append(CultureInfo.InvariantCulture,
                $"| {layer.Layer} | {layer.Outcome.ToString().ToLowerInvariant()} | {layer.Duration.TotalSeconds:0.0} | {(layer.Command is null ? "" : $"`{Escape(layer.Command).Replace("`", "'", StringComparison.Ordinal)}`")} | {Escape(layer.Summary)}{Escape(tests)} |\n");
        }
        md.Append('\n');
        foreach (var finding in verdict.Evidence.SelectMany(e => e.Findings))
        {
            md.Append(CultureInfo.InvariantCulture, $"- security finding: {Escape(finding.ToString())}\n");
        }
        if (baseline?.Measurement is { } measured)
        {
            md.Append(CultureInfo.InvariantCulture, $"- performance baseline (base commit): {(measured.Figure is { } figure ? figure.ToString("G6", CultureInfo.InvariantCulture) : Escape(measured.Problem))}\n");
        }
        md.Append('\n');
    }

    internal static string FirstLine(string? text) => (text ?? "").Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";

    // Report text comes from untrusted places: keep it from breaking out of tables or injecting HTML.
    internal static string Escape(string? text) =>
        (text ?? "").Replace("|", "\\|", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal);
}
