using System.Globalization;
using SelfHeal.Decisions;
using SelfHeal.Runs;

namespace SelfHeal.Cli.Rendering;

/// <summary>One line of plain text per run event, for the live display and <c>runs show</c>.</summary>
internal static class EventText
{
    public static string Describe(RunEvent runEvent) => runEvent switch
    {
        RunCreated c => $"run created: {SafeText.FirstLine(c.Report.Title)} ({c.Target.RepositoryPath}{(c.Target.Commit is null ? "" : " @ " + c.Target.Commit)})",
        StageStarted s => $"{s.Stage} started",
        StageCompleted s => $"{s.Stage} completed: {SafeText.FirstLine(s.Summary, 300)}",
        StageFailed s => $"{s.Stage} stopped: {SafeText.FirstLine(s.Reason, 300)}",
        WorkspacePrepared w => $"worktree at {w.Commit[..Math.Min(12, w.Commit.Length)]}: {w.Path}"
            + (w.CopiedChanges.Count > 0 ? $" (+{w.CopiedChanges.Count} uncommitted files copied)" : "")
            + (w.IgnoredChanges.Count > 0 ? $" ({w.IgnoredChanges.Count} uncommitted files ignored)" : ""),
        TestRunCompleted t => $"tests ({t.Purpose}, {t.Runner}): {t.Passed} passed, {t.Failed} failed, {t.Skipped} skipped in {Seconds(t.Duration)}"
            + (t.Problem is null ? "" : $" — {SafeText.FirstLine(t.Problem, 300)}"),
        FailureReproduced f => $"reproduced: {SafeText.FirstLine(f.TestId)} — {SafeText.FirstLine(f.Message)}",
        FlakyTestObserved f => $"flaky (passed on re-run, not treated as the bug): {SafeText.FirstLine(f.TestId)}",
        TraceParsed t => $"trace from {SafeText.FirstLine(t.Source)}: {SafeText.FirstLine(t.ExceptionType)} (fingerprint {t.Fingerprint})",
        SuspectFound s => $"suspect #{s.Rank}: {s.Suspect} {s.Suspect.Symbol} score {s.Suspect.Score.ToString("0.00", CultureInfo.InvariantCulture)}",
        WarningRaised w => $"warning: {SafeText.FirstLine(w.Message, 300)}",
        TraceRecorded t => $"agent trace recorded for {t.Commit[..Math.Min(12, t.Commit.Length)]} (refs/notes/agent-trace)",
        ModelCalled m => $"model {m.Model} ({SafeText.FirstLine(m.Purpose)}): {m.InputTokens} in, {m.OutputTokens} out, ${m.Cost.ToString("0.0000", CultureInfo.InvariantCulture)}, {Seconds(m.Duration)}"
            + (m.Error is null ? "" : $" — failed: {SafeText.FirstLine(m.Error, 300)}"),
        ModelBudgetExhausted b => $"model budget spent: ${b.Spent.ToString("0.####", CultureInfo.InvariantCulture)} of ${b.Limit.ToString("0.####", CultureInfo.InvariantCulture)}; {b.Engine} made no further calls",
        ReportExtracted r => $"report read: {SafeText.FirstLine(r.Symptom, 200)}" + (r.SuspectedPaths.Count > 0 ? $" (points at {string.Join(", ", r.SuspectedPaths.Select(p => SafeText.FirstLine(p, 100)))})" : ""),
        AgentStepTaken a => $"agent {a.Trajectory} step {a.Step} ({SafeText.FirstLine(a.Model)}): " + a.Kind switch
        {
            "command" => $"$ {SafeText.FirstLine(a.Command, 160)} → exit {a.ExitCode} in {Seconds(a.Duration)}" + (a.Note is null ? "" : $" ({SafeText.FirstLine(a.Note, 160)})"),
            "submit" => $"submitted — {SafeText.FirstLine(a.Output, 300)}",
            _ => $"format error — {SafeText.FirstLine(a.Output, 200)}",
        },
        AgentStopped a => $"agent {a.Trajectory} ({SafeText.FirstLine(a.Model)}) stopped after {a.Steps} steps in {Seconds(a.Duration)}: {a.Reason} — {SafeText.FirstLine(a.Detail, 300)}",
        RootCauseAnalyzed r => $"root cause ({SafeText.FirstLine(r.Model)}, confidence {r.Confidence.ToString("0.00", CultureInfo.InvariantCulture)}): {SafeText.FirstLine(r.RootCause, 300)}",
        CandidateTested c => $"candidate {c.Index} ({SafeText.FirstLine(c.Engine)}): {SafeText.FirstLine(c.Description, 200)} — {c.Verdict}" + (c.Detail is null ? "" : $": {SafeText.FirstLine(c.Detail, 200)}"),
        RepairTallied r => $"repair: {r.Generated} candidates generated, {r.RejectedInMemory} rejected before any test ran, {r.Validated} validated, {r.Plausible} plausible in {Seconds(r.Duration)}",
        VerdictRecorded v => $"verdict {v.Index}: {v.Verdict.Outcome}" + (v.Verdict.FailedLayer is null ? "" : $" at {v.Verdict.FailedLayer}")
            + " — " + string.Join(", ", v.Verdict.Evidence.Select(e => $"{e.Layer} {e.Outcome.ToString().ToLowerInvariant()}")),
        PerformanceBaselineMeasured b => b.Measurement.Figure is { } figure
            ? $"performance baseline: {figure.ToString("G6", CultureInfo.InvariantCulture)} ({SafeText.FirstLine(b.Measurement.Command, 120)}, {Seconds(b.Measurement.Duration)})"
            : $"performance baseline unavailable: {SafeText.FirstLine(b.Measurement.Problem, 200)}",
        PatchChosen p => $"patch chosen: {SafeText.FirstLine(p.Description, 200)} ({p.Engine}/{p.Template}) at {p.File}:{p.Line}",
        DecisionMade d => $"decision: {Names.Of(d.Decision.Action)} by rule {d.Decision.Rule} ({d.Decision.RuleSource}); confidence {d.Decision.Confidence.Score.ToString("0.00", CultureInfo.InvariantCulture)} ({Names.Of(d.Decision.Confidence.Band)}), risk {Names.Of(d.Decision.Risk.Level)}"
            + (d.Decision.Escalations.Count > 0 ? $" — escalated: {SafeText.FirstLine(d.Decision.Escalations[0], 200)}" : ""),
        FixDelivered d => $"fix committed {d.Commit[..Math.Min(12, d.Commit.Length)]} on branch {d.Branch}",
        PullRequestOpened p => $"{(p.Created ? "opened" : "found open")} {(p.Draft ? "draft " : "")}pull request {p.Number} ({p.Provider}): {SafeText.FirstLine(p.Url, 300)}",
        PullRequestMerged m => m.Merged ? $"merged pull request {m.Number} ({m.Provider}): {SafeText.FirstLine(m.Detail, 200)}" : $"pull request {m.Number} left open: {SafeText.FirstLine(m.Detail, 300)}",
        FixReviewed r => $"fix {(r.Approved ? "approved" : "rejected")} by {SafeText.FirstLine(r.Reviewer, 100)} ({SafeText.FirstLine(r.Via, 40)})" + (r.Comment is null ? "" : $": {SafeText.FirstLine(r.Comment, 200)}"),
        CancelRequested c => $"cancel requested by {SafeText.FirstLine(c.By, 100)}",
        ReviewDeadlineSet d => $"approved by the policy at {d.At:u} unless someone reviews it first",
        DeliveryProblem p => $"delivery ({p.Step}) failed{(p.Transient ? " (may succeed later)" : "")}: {SafeText.FirstLine(p.Message, 300)}",
        SandboxSelected { Isolated: true } s => $"sandbox: {s.Sandbox} (no network, only the worktree writable)",
        SandboxSelected s => $"sandbox: {s.Sandbox} — UNSANDBOXED: the repository's code runs with your rights, network and files",
        PackagesRestored p => $"packages restored ({SafeText.FirstLine(p.Command, 200)}) in {Seconds(p.Duration)}" + (p.Problem is null ? "" : $" — failed: {SafeText.FirstLine(p.Problem, 300)}"),
        AuditSealed a => $"audit log sealed at entry {a.Entries.ToString(CultureInfo.InvariantCulture)}",
        RunFinished f => $"run finished: {f.Outcome.ToString().ToLowerInvariant()} — {SafeText.FirstLine(f.Summary, 300)}",
        _ => runEvent.GetType().Name,
    };

    public static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
