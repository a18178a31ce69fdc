using System.Globalization;
using System.Text.Json;
using SelfHeal.Runs;

namespace SelfHeal.Cli.Rendering;

/// <summary>The result of a diagnosis, as text for people and JSON for machines.</summary>
internal static class DiagnosisView
{
    public static void WriteText(TextWriter writer, string runId, RunState state, int top)
    {
        writer.WriteLine();
        writer.WriteLine($"Run {runId}: {state.Status.ToString().ToLowerInvariant()} — {SafeText.FirstLine(state.Finished?.Summary, 300)}");
        foreach (var run in state.TestRuns.Where(r => r.Purpose == "reproduce"))
        {
            writer.WriteLine($"Tests ({run.Runner}): {run.Passed} passed, {run.Failed} failed, {run.Skipped} skipped in {EventText.Seconds(run.Duration)} — {SafeText.FirstLine(run.Command)}");
        }
        if (state.Failures.Count > 0)
        {
            writer.WriteLine($"Failing tests ({state.Failures.Count}):");
            foreach (var failure in state.Failures)
            {
                writer.WriteLine($"  ✗ {SafeText.FirstLine(failure.TestId)}");
                if (!string.IsNullOrWhiteSpace(failure.Message))
                {
                    writer.WriteLine($"      {SafeText.FirstLine(failure.Message, 200)}");
                }
            }
        }
        foreach (var flaky in state.FlakyTests)
        {
            writer.WriteLine($"  ~ flaky, not the bug: {SafeText.FirstLine(flaky.TestId)}");
        }
        if (state.Traces.Count > 0)
        {
            var trace = state.Traces[0];
            writer.WriteLine($"Fingerprint: {trace.Fingerprint} ({SafeText.FirstLine(trace.ExceptionType)}{TopFrame(trace)})");
        }
        if (state.Suspects.Count > 0)
        {
            writer.WriteLine("Suspects:");
            foreach (var (suspect, rank) in state.Suspects.Take(top).Select((s, i) => (s, i + 1)))
            {
                writer.WriteLine($"  {rank}. {suspect}  {suspect.Symbol}  score {suspect.Score.ToString("0.00", CultureInfo.InvariantCulture)}");
                foreach (var evidence in suspect.Evidence.OrderByDescending(e => e.Contribution))
                {
                    writer.WriteLine($"       {evidence.Signal,-8} +{evidence.Contribution.ToString("0.00", CultureInfo.InvariantCulture)}  {SafeText.FirstLine(evidence.Detail, 200)}");
                }
            }
        }
        foreach (var warning in state.Warnings)
        {
            writer.WriteLine($"warning: {SafeText.FirstLine(warning, 300)}");
        }
        if (state.FailureReason is { } reason && state.Status == RunStatus.Failed)
        {
            writer.WriteLine($"error: {SafeText.FirstLine(reason, 500)}");
        }
        writer.WriteLine($"Timeline: selfheal runs show {runId}");
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
            repository = state.Target?.RepositoryPath,
            commit = state.Workspace?.Commit,
            testRuns = state.TestRuns,
            failingTests = state.Failures,
            flakyTests = state.FlakyTests,
            fingerprint = state.Fingerprint,
            traces = state.Traces,
            suspects = state.Suspects.Select((s, i) => new { rank = i + 1, s.File, s.StartLine, s.EndLine, s.Symbol, s.Score, s.Evidence }),
            warnings = state.Warnings,
        };
        writer.WriteLine(JsonSerializer.Serialize(result, RunJson.Indented));
    }

    private static string TopFrame(TraceParsed trace) =>
        trace.Frames.FirstOrDefault(f => f.IsProjectFrame) is { } frame
            ? $" at {SafeText.FirstLine(frame.Function, 120)} in {frame.RepoPath}:{frame.Line}"
            : "";
}
