using System.Globalization;
using System.Text.Json;
using SelfHeal.Decisions;
using SelfHeal.Runs;

namespace SelfHeal.Cli.Rendering;

/// <summary>The result of <c>selfheal fix</c>: the diagnosis, then the fix and where it went.</summary>
internal static class FixView
{
    public static void WriteText(TextWriter writer, string runId, RunState state)
    {
        DiagnosisView.WriteText(writer, runId, state, 3);
        if (state.RootCause is { } cause)
        {
            writer.WriteLine($"Root cause ({SafeText.FirstLine(cause.Model)}, confidence {cause.Confidence:0.00}): {SafeText.FirstLine(cause.RootCause, 500)}");
            writer.WriteLine($"  fix direction: {SafeText.FirstLine(cause.FixDirection, 500)}");
        }
        if (state.ModelCalls.Count > 0)
        {
            writer.WriteLine($"Model calls: {state.ModelCalls.Count}, {state.ModelCalls.Sum(c => c.InputTokens)} tokens in, {state.ModelCalls.Sum(c => c.OutputTokens)} out, ${state.ModelCost:0.0000}"
                + (state.BudgetExhausted is { } budget ? $"; budget of ${budget.Limit:0.####} spent, no further calls were made" : ""));
        }
        var tested = state.Candidates.Count;
        if (tested > 0)
        {
            var plausible = state.Candidates.Count(c => c.Verdict == CandidateVerdict.Plausible);
            writer.WriteLine($"Candidates: {tested} validated with tests, {plausible} plausible; by verdict: {string.Join(", ", state.Candidates.GroupBy(c => c.Verdict).Select(g => $"{g.Key} {g.Count()}"))}");
        }
        if (state.Patch is { } patch)
        {
            writer.WriteLine($"Fix: {SafeText.FirstLine(patch.Description, 300)} ({patch.Engine}/{patch.Template}) at {patch.File}:{patch.Line}");
            writer.WriteLine(SafeText.Clean(patch.Diff, 20_000).TrimEnd());
            foreach (var alternative in patch.Alternatives)
            {
                writer.WriteLine($"  alternative: {SafeText.FirstLine(alternative, 300)}");
            }
        }
        if (state.PatchVerdict is { Evidence.Count: > 0 } verdict)
        {
            writer.WriteLine("Validation:");
            foreach (var layer in verdict.Evidence)
            {
                writer.WriteLine($"  {layer.Layer,-15} {layer.Outcome.ToString().ToLowerInvariant(),-8} {SafeText.FirstLine(layer.Summary, 200)}");
            }
        }
        if (state.Decision is { } decision)
        {
            writer.WriteLine($"Decision: {Names.Of(decision.Action).ToUpperInvariant()} by rule {decision.Rule} ({decision.RuleSource})");
            writer.WriteLine($"  {SafeText.FirstLine(decision.Reason, 400)}");
            writer.WriteLine($"  confidence {decision.Confidence.Score.ToString("0.00", CultureInfo.InvariantCulture)} ({Names.Of(decision.Confidence.Band)}): "
                + string.Join(", ", decision.Confidence.Factors.Where(f => f.Contribution != 0).Select(f => $"{f.Name} {f.Contribution.ToString("+0.00;-0.00", CultureInfo.InvariantCulture)}")));
            writer.WriteLine($"  risk {Names.Of(decision.Risk.Level)}: " + string.Join("; ", decision.Risk.Factors.Take(3).Select(f => $"{f.File} ({SafeText.FirstLine(f.Reason, 120)})")));
        }
        if (state.Delivery is { } delivery)
        {
            writer.WriteLine($"Committed {delivery.Commit[..12]} on branch {delivery.Branch} (your checkout and current branch are untouched).");
            writer.WriteLine($"  review: git show {delivery.Branch}    merge: git merge {delivery.Branch}");
            if (state.PullRequest is { } pr)
            {
                writer.WriteLine($"{(pr.Created ? "Opened" : "Found open")} {(pr.Draft ? "draft " : "")}pull request {pr.Number} ({pr.Provider}): {SafeText.FirstLine(pr.Url, 500)}");
                if (pr.Provider == "local")
                {
                    writer.WriteLine($"  read it: git --git-dir REMOTE show refs/selfheal/requests/{pr.Number}:body.md    trace: git --git-dir REMOTE notes --ref agent-trace show {pr.HeadCommit[..12]}");
                }
            }
            if (state.Merge is { } merge)
            {
                writer.WriteLine(merge.Merged ? $"Merged: {SafeText.FirstLine(merge.Detail, 300)}" : $"Not merged: {SafeText.FirstLine(merge.Detail, 300)}");
            }
            foreach (var problem in state.DeliveryProblems)
            {
                writer.WriteLine($"Delivery problem ({problem.Step}): {SafeText.FirstLine(problem.Message, 500)}");
            }
            writer.WriteLine($"Report: {delivery.ReportPath} (and .json)");
        }
    }

    public static void WriteJson(TextWriter writer, string runId, RunState state)
    {
        var result = new
        {
            runId,
            status = state.Status,
            outcome = state.Finished?.Outcome,
            summary = state.Finished?.Summary,
            error = state.Status == RunStatus.Failed ? state.FailureReason : null,
            sandbox = state.Sandbox,
            failingTests = state.Failures,
            fingerprint = state.Fingerprint,
            suspects = state.Suspects.Select((s, i) => new { rank = i + 1, s.File, s.StartLine, s.EndLine, s.Symbol, s.Score }),
            stages = state.StageSummaries,
            candidates = state.Candidates,
            patch = state.Patch,
            verdict = state.PatchVerdict,
            decision = state.Decision,
            delivery = state.Delivery,
            pullRequest = state.PullRequest,
            merge = state.Merge,
            deliveryProblems = state.DeliveryProblems,
            warnings = state.Warnings,
            rootCause = state.RootCause,
            model = state.ModelCalls.Count == 0 && state.BudgetExhausted is null ? null : new
            {
                calls = state.ModelCalls.Count,
                inputTokens = state.ModelCalls.Sum(c => c.InputTokens),
                outputTokens = state.ModelCalls.Sum(c => c.OutputTokens),
                cost = state.ModelCost,
                budgetExhausted = state.BudgetExhausted,
            },
        };
        writer.WriteLine(JsonSerializer.Serialize(result, RunJson.Indented));
    }
}
